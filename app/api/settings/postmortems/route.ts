import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getPostmortemSettings, updatePostmortemSettings } from "@/lib/postmortems/postmortem-settings";

export const GET = apiRoute(async ({ actor, db }) => json(await getPostmortemSettings(db, actor)));

export const PUT = apiRoute(async ({ actor, db, body }) =>
  json(await updatePostmortemSettings(db, actor, body())),
);

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);

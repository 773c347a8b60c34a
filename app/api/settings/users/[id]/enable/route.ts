import { apiRoute, json } from "@/lib/http/api-route";
import { enableUser } from "@/lib/users/enable-user";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await enableUser(db, actor, params.id)),
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

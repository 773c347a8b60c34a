import { getAlert } from "@/lib/alerts/list-alerts";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await getAlert(db, actor, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

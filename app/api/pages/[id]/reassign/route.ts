import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { reassignPage } from "@/lib/paging/reassign-page";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params, body }) =>
  json(await reassignPage(db, actor, params.id, body())),
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

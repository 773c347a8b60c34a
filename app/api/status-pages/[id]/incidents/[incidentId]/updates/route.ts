import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { postPublicUpdate } from "@/lib/status-pages/post-public-update";

type Params = { id: string; incidentId: string };

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await postPublicUpdate(db, actor, params.id, params.incidentId, body()), { status: 201 }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { reorderStatusPage } from "@/lib/status-pages/reorder-status-page";

type Params = { id: string };

export const PUT = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await reorderStatusPage(db, actor, params.id, body())),
);

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["PUT"]);

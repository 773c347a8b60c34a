import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { updateStatusPage } from "@/lib/status-pages/update-status-page";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await getStatusPage(db, actor, params.id)),
);

export const PATCH = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await updateStatusPage(db, actor, params.id, body())),
);

export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["GET", "PATCH"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getPublicIncident } from "@/lib/status-pages/get-public-incident";

type Params = { id: string; incidentId: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await getPublicIncident(db, actor, params.id, params.incidentId)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

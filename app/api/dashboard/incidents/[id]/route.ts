import { getIncident } from "@/lib/incidents/get-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  const incident = await getIncident(db, actor, params.id);
  return json(incident, { headers: { etag: etagFor(incident.version) } });
});

export const PATCH = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const expectedVersion = expectedVersionFrom(request);
  const incident = await updateIncident(db, actor, params.id, body(), { expectedVersion });
  return json(incident, { headers: { etag: etagFor(incident.version) } });
});

export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["GET", "PATCH"]);

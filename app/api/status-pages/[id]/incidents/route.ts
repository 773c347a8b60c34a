import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listPublicIncidents } from "@/lib/status-pages/list-public-incidents";
import { publishPublicIncident } from "@/lib/status-pages/publish-public-incident";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json({ items: await listPublicIncidents(db, actor, params.id) }),
);

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const incident = await publishPublicIncident(db, actor, params.id, body());
  return json(incident, {
    status: 201,
    headers: { location: `/api/status-pages/${params.id}/incidents/${incident.id}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

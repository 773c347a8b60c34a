import { declareIncident } from "@/lib/incidents/declare-incident";
import { exportIncidents } from "@/lib/incidents/export-incidents";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { csvResponse, readFormat } from "@/lib/http/csv-response";
import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const POST = apiRoute(
  async ({ actor, db, body, tokensVersion }) => {
    const incident = await declareIncident(db, actor, body(), { source: "api", tokensVersion });
    return json(incident, {
      status: 201,
      headers: { location: `/api/dashboard/incidents/${incident.id}`, etag: etagFor(incident.version) },
    });
  },
  { tokenStampInStatement: true },
);

export const GET = apiRoute(
  async ({ request, actor, db }) => {
    const { csv, query } = readFormat(request);
    if (csv) return csvResponse(await exportIncidents(db, actor, query), "incidents.csv");
    return json(await listIncidents(db, actor, query));
  },
  { replicaRead: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

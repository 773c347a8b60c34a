import { declareIncident } from "@/lib/incidents/declare-incident";
import { exportIncidents } from "@/lib/incidents/export-incidents";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { CSV, csvResponse, readFormat } from "@/lib/http/file-response";
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
    const { format, query } = readFormat(request, CSV);
    if (format === "csv") return csvResponse(await exportIncidents(db, actor, query), "incidents.csv");
    return json(await listIncidents(db, actor, query));
  },
  { replicaRead: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { metricsCsv } from "@/lib/metrics/metrics-csv";
import { csvResponse, readFormat } from "@/lib/http/csv-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(
  async ({ request, actor, db }) => {
    const { csv, query } = readFormat(request);
    if (!csv) return json(await getIncidentMetrics(db, actor, query));
    const { table, ...filters } = query;
    const { table: name, text } = metricsCsv(await getIncidentMetrics(db, actor, filters), table);
    return csvResponse(text, `incident-metrics-${name}.csv`);
  },
  { replicaRead: true },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

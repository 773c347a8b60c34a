import { apiRoute, json } from "@/lib/http/api-route";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { metricsCsv } from "@/lib/metrics/metrics-csv";
import { CSV, csvResponse, readFormat } from "@/lib/http/file-response";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(
  async ({ request, actor, db }) => {
    const { format, query } = readFormat(request, CSV);
    if (format !== "csv") return json(await getIncidentMetrics(db, actor, query));
    const { table, ...filters } = query;
    const { table: name, text } = metricsCsv(await getIncidentMetrics(db, actor, filters), table);
    return csvResponse(text, `incident-metrics-${name}.csv`);
  },
  { replicaRead: true },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

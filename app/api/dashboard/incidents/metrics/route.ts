import { apiRoute, json } from "@/lib/http/api-route";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(
  async ({ request, actor, db }) => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return json(await getIncidentMetrics(db, actor, query));
  },
  { replicaRead: true },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

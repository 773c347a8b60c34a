import { apiRoute, json } from "@/lib/http/api-route";
import { ingestMetrics } from "@/lib/telemetry/ingest-metrics";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// Batches of up to 5000 points are larger than the API's usual 64 KiB.
export const POST = apiRoute(async ({ actor, db, body }) => json(await ingestMetrics(db, actor, body())), {
  bodyLimit: 2 * 1024 * 1024,
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

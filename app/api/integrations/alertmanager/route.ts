import { receiveAlertmanagerWebhook } from "@/lib/alerts/receive-alerts";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

// A notification groups up to 1000 alerts with all their labels: more than the usual 64 KiB.
export const POST = apiRoute(
  async ({ actor, db, body }) => json(await receiveAlertmanagerWebhook(db, actor, body())),
  { bodyLimit: 4 * 1024 * 1024 },
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await sendTestWebhook(db, actor, params.id), { status: 202 }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

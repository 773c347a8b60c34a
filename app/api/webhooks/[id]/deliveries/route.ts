import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";

export const GET = apiRoute<{ id: string }>(async ({ request, actor, db, params }) =>
  json(
    await listWebhookDeliveries(db, actor, params.id, Object.fromEntries(new URL(request.url).searchParams)),
  ),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

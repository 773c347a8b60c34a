import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listWebhooks(db, actor) }));

// secretBearing: the answer shows the signing secret once, so an Idempotency-Key never stores it.
export const POST = apiRoute(
  async ({ actor, db, body }) => {
    const webhook = await createWebhook(db, actor, body());
    return json(webhook, { status: 201, headers: { location: `/api/webhooks/${webhook.id}` } });
  },
  { secretBearing: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

// secretBearing: an admin's list carries receiver URLs (a chat webhook URL is a credential).
export const GET = apiRoute(async ({ actor, db }) => json({ items: await listWebhooks(db, actor) }), {
  secretBearing: true,
});

// secretBearing: the answer shows the signing secret once (no-store; an Idempotency-Key never stores it).
export const POST = apiRoute(
  async ({ actor, db, body }) => {
    const webhook = await createWebhook(db, actor, body());
    return json(webhook, { status: 201, headers: { location: `/api/webhooks/${webhook.id}` } });
  },
  { secretBearing: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

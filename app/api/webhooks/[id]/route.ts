import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

type Params = { id: string };

// secretBearing: an admin's answer carries the receiver URL, which for a chat webhook is a credential.
export const GET = apiRoute<Params>(
  async ({ actor, db, params }) => json(await getWebhook(db, actor, params.id)),
  {
    secretBearing: true,
  },
);

export const PATCH = apiRoute<Params>(
  async ({ actor, db, params, body }) => json(await updateWebhook(db, actor, params.id, body())),
  { secretBearing: true },
);

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deleteWebhook(db, actor, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = methodNotAllowed(["GET", "PATCH", "DELETE"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createHookSubscriber } from "@/lib/status-pages/create-hook-subscriber";
import { listHookSubscribers } from "@/lib/status-pages/list-hook-subscribers";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(
    { subscribers: await listHookSubscribers(db, actor, params.id) },
    { headers: { "cache-control": "no-store" } },
  ),
);

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const subscriber = await createHookSubscriber(db, actor, params.id, body());
  return json(subscriber, {
    status: 201,
    headers: {
      location: `/api/status-pages/${params.id}/webhook-subscribers/${subscriber.id}`,
      "cache-control": "no-store",
    },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

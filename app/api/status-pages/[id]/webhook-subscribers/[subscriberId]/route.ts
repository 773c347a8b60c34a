import { apiRoute } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteHookSubscriber } from "@/lib/status-pages/delete-hook-subscriber";

type Params = { id: string; subscriberId: string };

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deleteHookSubscriber(db, actor, params.id, params.subscriberId);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["DELETE"]);

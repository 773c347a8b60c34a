import { apiRoute } from "@/lib/http/api-route";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const DELETE = apiRoute<{ id: string }>(async ({ actor, db, params }) => {
  await revokeApiToken(db, actor, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["DELETE"]);

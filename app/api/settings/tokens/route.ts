import { apiRoute, json } from "@/lib/http/api-route";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listApiTokens(db, actor) }));

// The answer carries the secret: the only time it is ever shown.
export const POST = apiRoute(
  async ({ actor, db, body }) => {
    const { token, secret } = await createApiToken(db, actor, body());
    return json(
      { ...token, secret },
      { status: 201, headers: { location: `/api/settings/tokens/${token.id}`, "cache-control": "no-store" } },
    );
  },
  { secretBearing: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

import { getDb } from "@/db/client";
import type { Actor, Role } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { cachedApiToken, verifyApiToken } from "@/lib/tokens/verify-api-token";
import { getAuth } from "./auth";
import { requestInfo } from "./request-info";

/** The signed-in user of a request's session cookie, or null. */
export async function sessionActor(headers: Headers): Promise<Actor | null> {
  if (!headers.get("cookie")) return null;
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user as { id: string; name: string; role?: string; disabledAt?: Date | null };
  // Disabling deletes the sessions; this covers one created in the instant before.
  if (user.disabledAt) return null;
  return {
    type: "user",
    userId: user.id,
    name: user.name,
    role: (user.role ?? "viewer") as Role,
    request: requestInfo(headers),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Browsers attach cookies to cross-site requests, so a cookie-authenticated write must come from a
 * page of ours: its Origin must be this server's. Bearer tokens are not sent automatically, so they
 * need no such check.
 */
function assertSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  const host =
    request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (originHost === null || originHost !== host) {
    throw new DomainError(
      "forbidden",
      "Cross-origin request refused: a cookie-authenticated change must come from this site.",
    );
  }
}

const bearerSecret = (authorization: string) => {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new DomainError("unauthenticated", "Authorization must be `Bearer <API token>`.");
  return match[1];
};

/** Who is calling the JSON API: a bearer token or the session cookie; 401 otherwise. */
export async function resolveApiActor(request: Request): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  if (authorization)
    return {
      ...(await verifyApiToken(await getDb(), bearerSecret(authorization))),
      request: requestInfo(request.headers),
    };
  const actor = await sessionActor(request.headers);
  if (!actor)
    throw new DomainError(
      "unauthenticated",
      "Sign in, or send an API token as `Authorization: Bearer <token>`.",
    );
  if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
  return actor;
}

/**
 * The actor of a bearer token verified moments ago, from this process's cache without any I/O, with
 * the token stamp's version it was verified at; null when the full check has something to do. Only
 * for a handler whose one statement asserts that version (`assert_token_stamp`, migration 0025).
 */
export function cachedApiActor(request: Request): { actor: Actor; tokensVersion: number } | null {
  const authorization = request.headers.get("authorization");
  const cached = authorization ? cachedApiToken(bearerSecret(authorization)) : null;
  return cached && { ...cached, actor: { ...cached.actor, request: requestInfo(request.headers) } };
}

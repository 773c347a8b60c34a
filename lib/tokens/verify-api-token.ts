import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { apiTokens, users } from "@/db/core-schema";
import { tokenStamp } from "@/db/token-cache-schema";
import { type Actor, type Role, ROLES } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { hashTokenSecret } from "./token-secret";

const LAST_USED_RESOLUTION_MS = 60_000;
/** The SQLSTATE of `assert_token_stamp` (migration 0025): the stamp moved since the token was verified. */
export const TOKEN_STAMP_MOVED = "IMT01";
/** A verified token is reused this long at most, even while the stamp stands still (a belt to its braces). */
export const TOKEN_CACHE_MS = 10_000;
const CACHE_LIMIT = 1_000;

const lower = (a: Role, b: Role): Role => (ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b);

type Verified = {
  id: string;
  name: string;
  role: string;
  expiresAt: Date | null;
  createdBy: string | null;
  lastUsedAt: Date | null;
  creatorRole: string | null;
  creatorDisabledAt: Date | null;
  scopes: string[] | null;
};
type Cached = { token: Verified; version: number; cachedAt: number };

// Read on every request a cached token makes: built once.
const readStamp = preparedStatement(
  "token_stamp",
  () => sql`select ${tokenStamp.tokensVersion} as version from ${tokenStamp} where ${tokenStamp.id} = 1`,
);

// Per process, keyed by the secret's hash. Only tokens that passed are kept: a refusal is never cached.
const cache = new Map<string, Cached>();

/**
 * The actor of a bearer token, or 401. The creator is read, not copied into the token: a token acts
 * with the lower of its own role and its creator's current one, and stops while its creator is
 * disabled. Records last use at most once a minute per token.
 *
 * A token verified in the last few seconds is reused while the token stamp (db/token-cache-schema.ts)
 * still reads the same: one primary-key read instead of the join. Revoking, disabling or demoting moves
 * the stamp in the same transaction (triggers), so the next request, on any instance, reads the token again.
 */
export async function verifyApiToken(db: Db, secret: string, now = new Date()): Promise<Actor> {
  const hash = hashTokenSecret(secret);
  const cached = cache.get(hash);
  if (cached && now.getTime() - cached.cachedAt < TOKEN_CACHE_MS && cached.cachedAt <= now.getTime()) {
    const [stamp] = await readStamp(db, {});
    if (stamp && Number(stamp.version) === cached.version) return accept(db, cached.token, now);
  }
  cache.delete(hash);
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      expiresAt: apiTokens.expiresAt,
      createdBy: apiTokens.createdBy,
      lastUsedAt: apiTokens.lastUsedAt,
      creatorRole: users.role,
      creatorDisabledAt: users.disabledAt,
      scopes: apiTokens.scopes,
      // Read with the token in one snapshot, so the cached entry is never newer than its stamp.
      version: sql<
        string | number | null
      >`(select ${tokenStamp.tokensVersion} from ${tokenStamp} where ${tokenStamp.id} = 1)`,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.secretHash, hash), isNull(apiTokens.revokedAt)));
  if (!row) throw new DomainError("unauthenticated", "The API token is unknown or revoked.");
  const { version, ...token } = row;
  const actor = await accept(db, token, now);
  if (version !== null) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(hash, { token, version: Number(version), cachedAt: now.getTime() });
  }
  return actor;
}

/**
 * A token verified moments ago, from this process's cache and without any I/O, with the stamp it was
 * verified at: for a caller that makes its one statement conditional on the stamp still reading
 * `tokensVersion` (a storm repeat, lib/alerts/receive-alerts.ts), so a revoked token changes nothing.
 * Null whenever the full check has something to do (unknown, old entry, expired, last use to record).
 */
export function cachedApiToken(
  secret: string,
  now = new Date(),
): { actor: Actor; tokensVersion: number } | null {
  const cached = cache.get(hashTokenSecret(secret));
  if (!cached || now.getTime() - cached.cachedAt >= TOKEN_CACHE_MS || cached.cachedAt > now.getTime())
    return null;
  const { token } = cached;
  if ((token.expiresAt && token.expiresAt <= now) || token.creatorDisabledAt || lastUseIsStale(token, now))
    return null;
  return { actor: actorOf(token), tokensVersion: cached.version };
}

const lastUseIsStale = (token: Verified, now: Date) =>
  !token.lastUsedAt || token.lastUsedAt.getTime() < now.getTime() - LAST_USED_RESOLUTION_MS;

function actorOf(token: Verified): Actor {
  const role = token.creatorRole
    ? lower(token.role as Role, token.creatorRole as Role)
    : (token.role as Role);
  return {
    type: "token",
    tokenName: token.name,
    tokenId: token.id,
    role,
    scopes: token.scopes,
    ...(token.createdBy ? { userId: token.createdBy } : {}),
  };
}

async function accept(db: Db, token: Verified, now: Date): Promise<Actor> {
  if (token.expiresAt && token.expiresAt <= now)
    throw new DomainError("unauthenticated", `The API token expired at ${token.expiresAt.toISOString()}.`);
  if (token.creatorDisabledAt)
    throw new DomainError("unauthenticated", "The API token's creator is disabled, so the token is too.");
  // Most requests find a fresh last use and skip the write: one round trip fewer on every API call.
  if (lastUseIsStale(token, now)) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, token.id),
          or(
            isNull(apiTokens.lastUsedAt),
            lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
          ),
        ),
      );
    token.lastUsedAt = now;
  }
  return actorOf(token);
}

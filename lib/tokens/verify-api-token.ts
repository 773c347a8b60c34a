import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { type Actor, type Role, ROLES } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { hashTokenSecret } from "./token-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

const lower = (a: Role, b: Role): Role => (ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b);

/**
 * The actor of a bearer token, or 401. The creator is read on every request, not copied into the
 * token: a token acts with the lower of its own role and its creator's current one, and stops while
 * its creator is disabled. Records last use at most once a minute per token.
 */
export async function verifyApiToken(db: Db, secret: string, now = new Date()): Promise<Actor> {
  const [token] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, expiresAt: apiTokens.expiresAt, createdBy: apiTokens.createdBy, lastUsedAt: apiTokens.lastUsedAt, creatorRole: users.role, creatorDisabledAt: users.disabledAt })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.secretHash, hashTokenSecret(secret)), isNull(apiTokens.revokedAt)));
  if (!token) throw new DomainError("unauthenticated", "The API token is unknown or revoked.");
  if (token.expiresAt && token.expiresAt <= now) throw new DomainError("unauthenticated", `The API token expired at ${token.expiresAt.toISOString()}.`);
  if (token.creatorDisabledAt) throw new DomainError("unauthenticated", "The API token's creator is disabled, so the token is too.");
  // Most requests find a fresh last use and skip the write: one round trip fewer on every API call.
  const stale = !token.lastUsedAt || token.lastUsedAt.getTime() < now.getTime() - LAST_USED_RESOLUTION_MS;
  if (stale) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, token.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  }
  const role = token.creatorRole ? lower(token.role as Role, token.creatorRole as Role) : (token.role as Role);
  return { type: "token", tokenName: token.name, role, ...(token.createdBy ? { userId: token.createdBy } : {}) };
}

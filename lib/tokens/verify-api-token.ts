import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import type { Actor, Role } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { hashTokenSecret } from "./token-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor of a bearer token, or 401. Records last use at most once a minute per token. */
export async function verifyApiToken(db: Db, secret: string): Promise<Actor> {
  const [token] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.secretHash, hashTokenSecret(secret)), isNull(apiTokens.revokedAt)));
  if (!token) throw new DomainError("unauthenticated", "The API token is unknown or revoked.");
  const now = new Date();
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, token.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  return { type: "token", tokenName: token.name, role: token.role as Role };
}

import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { type Actor, actorUserId, assertRole, type Role } from "@/lib/actor";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { type ApiTokenView, CreateApiTokenInput } from "./schemas";
import { newTokenSecret } from "./token-secret";
import { isUniqueViolation } from "@/lib/db-errors";

/** The only answer that ever contains the secret. */
export async function createApiToken(db: Db, actor: Actor, rawInput: unknown): Promise<{ token: ApiTokenView; secret: string }> {
  assertRole(actor, "admin", "create API tokens");
  const input = parseInput(CreateApiTokenInput, rawInput);
  const { secret, prefix, hash } = newTokenSecret();
  try {
    const [row] = await db
      .insert(apiTokens)
      .values({ id: randomUUID(), name: input.name, role: input.role, prefix, secretHash: hash, createdBy: actorUserId(actor) })
      .returning();
    return {
      secret,
      token: { id: row.id, name: row.name, role: row.role as Role, prefix: row.prefix, createdBy: row.createdBy, createdAt: row.createdAt, lastUsedAt: null, revokedAt: null },
    };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("already_exists", `An active token named "${input.name}" already exists.`, {
        errors: [{ path: "name", message: "Already in use by an active token." }],
      });
    }
    throw error;
  }
}

import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/core-schema";
import { type Actor, actorUserId, type Role, ROLES } from "@/lib/actor";
import { authorize, rolesOfScope, SCOPES } from "@/lib/permissions";
import { DomainError, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { type ApiTokenView, CreateApiTokenInput } from "./schemas";
import { newTokenSecret } from "./token-secret";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";

const DAY_MS = 24 * 60 * 60 * 1000;

function expiryOf(input: CreateApiTokenInput, now: Date): Date | null {
  if (input.expiresInDays !== undefined && input.expiresAt != null) {
    throw validationError([{ path: "expiresAt", message: "Give expiresAt or expiresInDays, not both." }]);
  }
  if (input.expiresInDays !== undefined) return new Date(now.getTime() + input.expiresInDays * DAY_MS);
  if (input.expiresAt == null) return null;
  const at = new Date(input.expiresAt.length === 10 ? `${input.expiresAt}T00:00:00Z` : input.expiresAt);
  if (Number.isNaN(at.getTime())) throw validationError([{ path: "expiresAt", message: "Not a real date." }]);
  if (at <= now) throw validationError([{ path: "expiresAt", message: "Choose a moment in the future." }]);
  return at;
}

/**
 * The scopes asked for, each known and usable by the token's role, deduplicated in table order; null
 * for "whatever the role may". A token acting for itself can only hand on scopes it holds.
 */
function scopesOf(input: CreateApiTokenInput, actor: Actor): string[] | null {
  const asked = input.scopes ?? null;
  const creatorScopes = actor.type === "token" ? actor.scopes : null;
  if (asked === null) {
    if (creatorScopes === null) return null;
    throw new DomainError(
      "forbidden",
      "A token with scopes can only create tokens with some of its scopes.",
      {
        errors: [{ path: "scopes", message: `Choose from ${creatorScopes.join(", ")}.` }],
      },
    );
  }
  const errors = asked.flatMap((scope, i) => {
    if (!(SCOPES as readonly string[]).includes(scope))
      return [{ path: `scopes.${i}`, message: `Unknown scope "${scope}".` }];
    if (!rolesOfScope(scope).includes(input.role))
      return [{ path: `scopes.${i}`, message: `A ${input.role} token cannot use ${scope}.` }];
    return [];
  });
  if (errors.length) throw validationError(errors);
  if (creatorScopes !== null && asked.some((scope) => !creatorScopes.includes(scope)))
    throw new DomainError("forbidden", "A token cannot give a new token scopes it lacks itself.", {
      errors: [{ path: "scopes", message: `Choose from ${creatorScopes.join(", ")}.` }],
    });
  return SCOPES.filter((scope) => asked.includes(scope));
}

/** The only answer that ever contains the secret. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  rawInput: unknown,
): Promise<{ token: ApiTokenView; secret: string }> {
  authorize(actor, "tokens.manage");
  const input = parseInput(CreateApiTokenInput, rawInput);
  // A token must never let its creator do more than they may themselves (actor.role is current).
  if (ROLES.indexOf(input.role) > ROLES.indexOf(actor.role)) {
    throw new DomainError(
      "forbidden",
      `A token cannot have a higher role (${input.role}) than its creator (${actor.role}).`,
      {
        errors: [{ path: "role", message: `At most ${actor.role}.` }],
      },
    );
  }
  const scopes = scopesOf(input, actor);
  const now = new Date();
  const expiresAt = expiryOf(input, now);
  const { secret, prefix, hash } = newTokenSecret();
  try {
    const row = await runTransaction(db, async (tx) => {
      const [inserted] = await tx
        .insert(apiTokens)
        .values({
          id: randomUUID(),
          name: input.name,
          role: input.role,
          scopes,
          prefix,
          secretHash: hash,
          createdBy: actorUserId(actor),
          createdAt: now,
          expiresAt,
        })
        .returning();
      // Named fields only: neither the secret nor its hash (nor the prefix of the secret).
      await recordAuditEvent(tx, actor, {
        action: "token.created",
        target: { type: "token", id: inserted.id, name: inserted.name },
        after: {
          name: inserted.name,
          role: inserted.role,
          scopes: inserted.scopes,
          expiresAt: inserted.expiresAt,
        },
      });
      return inserted;
    });
    return {
      secret,
      token: {
        id: row.id,
        name: row.name,
        role: row.role as Role,
        scopes: row.scopes,
        prefix: row.prefix,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
        lastUsedAt: null,
        expiresAt: row.expiresAt,
        revokedAt: null,
      },
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

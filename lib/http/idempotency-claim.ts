import { AsyncLocalStorage } from "node:async_hooks";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/core-schema";
import { DomainError } from "@/lib/errors";

/** The Idempotency-Key claim held by the request being handled. */
export type IdempotencyClaim = { principal: string; key: string; owner: string; active: boolean };

const claims = new AsyncLocalStorage<IdempotencyClaim>();

/** Runs a request's handler with its claim visible to every transaction it opens (runTransaction). */
export function runWithClaim<T>(claim: IdempotencyClaim, fn: () => Promise<T>): Promise<T> {
  return claims.run(claim, fn);
}

export const claimIs = (claim: Pick<IdempotencyClaim, "principal" | "key" | "owner">) =>
  and(
    eq(idempotencyKeys.principal, claim.principal),
    eq(idempotencyKeys.key, claim.key),
    eq(idempotencyKeys.owner, claim.owner),
  );

/** Whether this request runs under an Idempotency-Key claim, whose mark must commit with the change. */
export const hasActiveClaim = (): boolean => claims.getStore()?.active === true;

/**
 * Inside the command's own transaction: the key becomes `committed` together with the change, so a
 * crash after the commit can never let a retry apply the command twice. If a retry has taken the
 * claim over meanwhile (this request ran past the abandonment cutoff), this one must not commit.
 */
export async function markClaimCommitted(tx: Db): Promise<void> {
  const claim = claims.getStore();
  // Work the handler left running after it answered is not part of the request's command.
  if (!claim?.active) return;
  const marked = await tx
    .update(idempotencyKeys)
    .set({ state: "committed" })
    .where(and(claimIs(claim), inArray(idempotencyKeys.state, ["running", "committed"])))
    .returning({ key: idempotencyKeys.key });
  if (marked.length === 0) {
    throw new DomainError(
      "idempotency_in_progress",
      "A retry with this Idempotency-Key took over while this request was still running; this one changed nothing.",
    );
  }
}

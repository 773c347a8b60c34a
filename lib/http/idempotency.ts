import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/core-schema";
import { DomainError } from "@/lib/errors";
import { claimIs, type IdempotencyClaim, runWithClaim } from "./idempotency-claim";
import { deleteExpiredKey, trimKeysToCap } from "./idempotency-store";
import { handleApiError } from "./problem";

/**
 * A claim still running after this long belongs to a process that died mid-request. It must stay
 * longer than any transaction can wait or run (lib/db/run-transaction.ts sets those timeouts), so a
 * live request is never taken over while it can still commit.
 */
export const ABANDONED_AFTER_SECONDS = 60;
const REPLAYED_HEADERS = ["content-type", "location", "etag"];
const CLAIM_ATTEMPTS = 3;

export type IdempotentRequest = {
  principal: string;
  key: string;
  fingerprint: string;
  /** The success answer carries a secret shown once (a token, a password): it is never stored. */
  secretBearing?: boolean;
};

type Outcome =
  { kind: "claimed"; owner: string } | { kind: "answer"; response: Response } | { kind: "vanished" };

/**
 * Same key + same request → the first answer again; same key + another request → 422; while the
 * first is still running → 409. Keys are per principal and kept for 24 hours. A 5xx before anything
 * was committed forgets the key, so the retry runs again; the command's transaction marks the key
 * committed (runTransaction), so a committed command is never run twice.
 */
export async function withIdempotency(
  db: Db,
  request: IdempotentRequest,
  run: () => Promise<Response>,
): Promise<Response> {
  if (request.key.length === 0 || request.key.length > 255) {
    throw new DomainError("bad_request", "Idempotency-Key must be 1 to 255 characters.");
  }
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const outcome = await claimOrReplay(db, request);
    if (outcome.kind === "claimed")
      return runClaimed(
        db,
        request,
        { principal: request.principal, key: request.key, owner: outcome.owner, active: true },
        run,
      );
    if (outcome.kind === "answer") return outcome.response;
  }
  throw inProgress();
}

const inProgress = () =>
  new DomainError(
    "idempotency_in_progress",
    "A request with this Idempotency-Key is still being processed; retry shortly.",
  );

async function claimOrReplay(db: Db, { principal, key, fingerprint }: IdempotentRequest): Promise<Outcome> {
  await deleteExpiredKey(db, principal, key);
  const owner = randomUUID();
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ principal, key, requestHash: fingerprint, state: "running", owner })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) {
    await trimKeysToCap(db, principal);
    return { kind: "claimed", owner };
  }

  const [previous] = await db
    .select({
      ...getTableColumns(idempotencyKeys),
      // The database's clock, like created_at's default: instances with skewed clocks still agree.
      abandoned: sql<boolean>`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  if (!previous) return { kind: "vanished" };
  if (previous.requestHash !== fingerprint) {
    throw new DomainError(
      "idempotency_mismatch",
      "This Idempotency-Key was already used with a different request; use a new key.",
    );
  }
  switch (previous.state) {
    case "done":
      return {
        kind: "answer",
        response: new Response(previous.responseBody, {
          status: previous.responseStatus ?? 200,
          headers: { ...(previous.responseHeaders ?? {}), "idempotent-replayed": "true" },
        }),
      };
    case "withheld":
      throw new DomainError(
        "idempotency_not_replayable",
        "This response held a secret and cannot be replayed",
      );
    case "committed":
      if (!previous.abandoned) throw inProgress();
      throw new DomainError(
        "idempotency_answer_lost",
        "The request with this Idempotency-Key was applied, but its answer was lost; it will not be applied again. Read the current state instead.",
      );
    default:
      if (previous.abandoned && (await takeOver(db, principal, key, owner)))
        return { kind: "claimed", owner };
      throw inProgress();
  }
}

/** One statement, so of several retries racing for an abandoned claim exactly one gets it. */
async function takeOver(db: Db, principal: string, key: string, owner: string): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ owner, createdAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.state, "running"),
        sql`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`,
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

async function runClaimed(
  db: Db,
  request: IdempotentRequest,
  claim: IdempotencyClaim,
  run: () => Promise<Response>,
): Promise<Response> {
  // Only a claim that committed nothing may be forgotten; a committed one stays, so no retry re-applies it.
  const release = () =>
    db.delete(idempotencyKeys).where(and(claimIs(claim), eq(idempotencyKeys.state, "running")));
  let response: Response;
  try {
    response = await runWithClaim(claim, run);
  } catch (error) {
    claim.active = false;
    if (!(error instanceof DomainError)) {
      await release();
      throw error;
    }
    // A refused request is an answer too: remember it, so the retry gets the same one.
    response = handleApiError(error);
  }
  claim.active = false;
  if (response.status >= 500) {
    await release();
    return response;
  }
  // Every completion names its owner: a claim taken over is never overwritten by the slow original.
  if (request.secretBearing && response.ok) {
    await db
      .update(idempotencyKeys)
      .set({ state: "withheld", responseStatus: response.status, responseHeaders: null, responseBody: null })
      .where(claimIs(claim));
    return response;
  }
  const body = await response.text();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  await db
    .update(idempotencyKeys)
    .set({ state: "done", responseStatus: response.status, responseHeaders: headers, responseBody: body })
    .where(claimIs(claim));
  return new Response(body, { status: response.status, headers: response.headers });
}

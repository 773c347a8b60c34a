import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { handleApiError } from "./problem";

const KEY_TTL_HOURS = 24;
const ABANDONED_AFTER_MS = 60_000;
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

export const requestFingerprint = (method: string, path: string, body: string) =>
  createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");

/**
 * Same key + same request → the first answer again; same key + another request → 422; while the
 * first is still running → 409. Keys are per principal and kept for 24 hours. Server errors are not
 * remembered, so a retry after a 5xx runs again.
 */
export async function withIdempotency(
  db: Db,
  principal: string,
  key: string,
  fingerprint: string,
  run: () => Promise<Response>,
): Promise<Response> {
  if (key.length === 0 || key.length > 255) {
    throw new DomainError("bad_request", "Idempotency-Key must be 1 to 255 characters.");
  }
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${KEY_TTL_HOURS})`)));
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ principal, key, requestHash: fingerprint, state: "running" })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (claimed.length === 0) {
    const [previous] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    if (!previous) return withIdempotency(db, principal, key, fingerprint, run);
    if (previous.requestHash !== fingerprint) {
      throw new DomainError("idempotency_mismatch", "This Idempotency-Key was already used with a different request; use a new key.");
    }
    if (previous.state !== "done") {
      // A claim this old belongs to a request whose process died mid-way: let the retry run it.
      if (previous.createdAt.getTime() < Date.now() - ABANDONED_AFTER_MS) {
        await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, "running")));
        return withIdempotency(db, principal, key, fingerprint, run);
      }
      throw new DomainError("idempotency_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.");
    }
    return new Response(previous.responseBody, {
      status: previous.responseStatus ?? 200,
      headers: { ...(previous.responseHeaders ?? {}), "idempotent-replayed": "true" },
    });
  }

  const forget = () =>
    db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    if (error instanceof DomainError) {
      // A refused request is an answer too: remember it, so the retry gets the same one.
      response = handleApiError(error);
    } else {
      await forget();
      throw error;
    }
  }
  if (response.status >= 500) {
    await forget();
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
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  return new Response(body, { status: response.status, headers: response.headers });
}

import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { apiRoute, json } from "@/lib/http/api-route";
import { KEYS_PER_PRINCIPAL, purgeExpiredIdempotencyKeys } from "@/lib/http/idempotency-store";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

const PATH = "/api/dashboard/incidents";
// Keys belong to the token (its id), not to its name (review finding 4).
const principalOf = async (name: string) =>
  `token-id:${(await queryRows<{ id: string }>(sql`select id from api_tokens where name = ${name} and revoked_at is null`))[0].id}`;
const keyed = (key: string, body: unknown = validIncident) =>
  call(collection.POST, PATH, { method: "POST", body, headers: { "idempotency-key": key } });
const incidentCount = async () => (await queryRows(sql`select id from incidents`)).length;
const keyRow = async (key: string) =>
  (
    await queryRows<{ state: string; owner: string; response_body: string | null }>(
      sql`select state, owner::text as owner, response_body from idempotency_keys where key = ${key}`,
    )
  )[0];
/** Makes a claim look as old as one left by a process that died (past the one-minute cutoff). */
const age = (key: string, seconds: number) =>
  queryRows(
    sql`update idempotency_keys set created_at = now() - make_interval(secs => ${seconds}) where key = ${key} returning key`,
  );

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The 500s below are on purpose; keep their stack traces out of the test output. */
const quietServerErrors = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe("behaviour kept from the first version", () => {
  it("remembers a refusal (4xx) and replays it", async () => {
    const bad = { ...validIncident, severity: "SEV9" };
    const first = await keyed("refused", bad);
    expect(first.status).toBe(422);
    const again = await keyed("refused", bad);
    expect(again.status).toBe(422);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.errors).toEqual(first.json.errors);
  });

  it("forgets a key whose request failed (5xx) before committing anything, so the retry runs", async () => {
    let calls = 0;
    const route = apiRoute(async ({ db, actor, body }) => {
      calls++;
      if (calls === 1) throw new Error("the process lost its database connection");
      return json(await declareIncident(db, actor, body()), { status: 201 });
    });
    const logged = quietServerErrors();
    const first = await call(route, PATH, {
      method: "POST",
      body: validIncident,
      headers: { "idempotency-key": "flaky" },
    });
    expect(first.status).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
    expect(await keyRow("flaky")).toBeUndefined();
    const retry = await call(route, PATH, {
      method: "POST",
      body: validIncident,
      headers: { "idempotency-key": "flaky" },
    });
    expect(retry.status).toBe(201);
    expect(await incidentCount()).toBe(1);
  });
});

describe("the key is committed with the command", () => {
  it("never runs a committed command twice when its answer was lost; the replay is a 409 saying so", async () => {
    const route = apiRoute(async ({ db, actor, body }) => {
      await declareIncident(db, actor, body());
      // Committed, then the answer is lost (the process dies before storing it).
      throw new Error("crashed after the commit");
    });
    const logged = quietServerErrors();
    const first = await call(route, PATH, {
      method: "POST",
      body: validIncident,
      headers: { "idempotency-key": "lost" },
    });
    expect(first.status).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
    expect((await keyRow("lost")).state).toBe("committed");

    // Soon after, the original may still be storing its answer: in progress.
    const soon = await keyed("lost");
    expect(soon.status).toBe(409);
    expect(soon.json.type).toContain("idempotency_in_progress");

    await age("lost", 120);
    const later = await keyed("lost");
    expect(later.status).toBe(409);
    expect(later.headers.get("content-type")).toBe("application/problem+json");
    expect(later.json.type).toContain("idempotency_answer_lost");
    expect(later.json.detail).toContain("was applied");
    expect(await incidentCount()).toBe(1);
  });

  it("a slow original whose claim was taken over changes nothing and cannot overwrite the new answer", async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const originalStarted = new Promise<void>((resolve) => (started = resolve));
    const route = apiRoute(async ({ db, actor, body }) => {
      const attempt = ++calls;
      if (attempt === 1) {
        started();
        await gate;
      }
      const incident = await declareIncident(db, actor, body());
      return json({ attempt, id: incident.id }, { status: 201 });
    });
    const send = () =>
      call(route, PATH, { method: "POST", body: validIncident, headers: { "idempotency-key": "slow" } });

    const original = send();
    await originalStarted;
    const originalOwner = (await keyRow("slow")).owner;
    await age("slow", 120);
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.json.attempt).toBe(2);
    expect((await keyRow("slow")).owner).not.toBe(originalOwner);

    release();
    const late = await original;
    expect(late.status).toBe(409);
    expect(late.json.type).toContain("idempotency_in_progress");
    expect(await incidentCount()).toBe(1);
    const stored = await keyRow("slow");
    expect(stored.state).toBe("done");
    expect(JSON.parse(stored.response_body!).attempt).toBe(2);
    const replay = await send();
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual(retry.json);
  });

  it("lets exactly one of several simultaneous retries take an abandoned claim over", async () => {
    const db = await getDb();
    await keyed("seed-principal");
    await db.execute(sql`insert into idempotency_keys (principal, key, request_hash, state, created_at)
      select principal, 'abandoned', request_hash, 'running', now() - interval '2 minutes' from idempotency_keys where key = 'seed-principal'`);
    const answers = await Promise.all(Array.from({ length: 6 }, () => keyed("abandoned")));
    const ran = answers.filter((a) => a.status === 201 && a.headers.get("idempotent-replayed") === null);
    expect(ran).toHaveLength(1);
    for (const a of answers.filter((x) => x !== ran[0])) {
      // Either still in progress, or (once the winner stored its answer) a replay of it.
      if (a.status === 201) expect(a.json.id).toBe(ran[0].json.id);
      else expect(a.json.type).toContain("idempotency_in_progress");
    }
    expect(await incidentCount()).toBe(2);
  });
});

describe("expiry and the per-principal cap", () => {
  it("purgeExpiredIdempotencyKeys deletes keys older than 24 hours, whatever their state", async () => {
    const db = await getDb();
    await db.execute(sql`insert into idempotency_keys (principal, key, request_hash, state, created_at) values
      ('user:a', 'old-done', 'h', 'done', now() - interval '25 hours'),
      ('user:a', 'old-running', 'h', 'running', now() - interval '24 hours 1 minute'),
      ('user:b', 'old-committed', 'h', 'committed', now() - interval '30 hours'),
      ('user:a', 'young', 'h', 'done', now() - interval '23 hours')`);
    expect(await purgeExpiredIdempotencyKeys(db, new Date())).toBe(3);
    expect(
      (
        await queryRows<{ key: string }>(sql`select key from idempotency_keys where principal like 'user:%'`)
      ).map((r) => r.key),
    ).toEqual(["young"]);
    expect(await purgeExpiredIdempotencyKeys(db, new Date(Date.now() + 25 * 3600_000))).toBe(1);
  });

  it("treats an expired key as new even before the purge ran", async () => {
    expect((await keyed("yesterday")).status).toBe(201);
    await age("yesterday", 25 * 3600);
    const again = await keyed("yesterday", { ...validIncident, title: "A different request" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });

  it(`keeps at most ${KEYS_PER_PRINCIPAL} keys per principal by dropping its oldest answered ones`, async () => {
    const db = await getDb();
    const PRINCIPAL = await principalOf("test-responder");
    // A full principal: one old claim still running (never dropped) and answered keys, oldest first.
    await db.execute(sql`insert into idempotency_keys (principal, key, request_hash, state, created_at)
      select ${PRINCIPAL}, 'full-' || n, 'h', case when n = 0 then 'running' else 'done' end, now() - make_interval(mins => 2000 - n)
      from generate_series(0, ${KEYS_PER_PRINCIPAL - 1}) n`);
    await db.execute(
      sql`insert into idempotency_keys (principal, key, request_hash, state) values ('user:other', 'full-1', 'h', 'done')`,
    );

    expect((await keyed("one-more")).status).toBe(201);
    const mine = await queryRows<{ key: string }>(
      sql`select key from idempotency_keys where principal = ${PRINCIPAL}`,
    );
    expect(mine).toHaveLength(KEYS_PER_PRINCIPAL);
    const keys = new Set(mine.map((r) => r.key));
    expect(keys.has("one-more")).toBe(true);
    expect(keys.has("full-0")).toBe(true);
    expect(keys.has("full-1")).toBe(false);
    expect(keys.has("full-2")).toBe(true);
    expect(
      await queryRows(sql`select key from idempotency_keys where principal = 'user:other'`),
    ).toHaveLength(1);
  });

  it("keys answers by token id: a new token with a revoked token's name does not replay its answers", async () => {
    const db = await getDb();
    const admin = { type: "system", name: "test", role: "admin" } as const;
    const first = await createApiToken(db, admin, { name: "ci-deploys", role: "responder" });
    const asToken = (secret: string) =>
      call(collection.POST, PATH, {
        method: "POST",
        body: validIncident,
        headers: { "idempotency-key": "deploy-42", authorization: `Bearer ${secret}` },
      });
    const original = await asToken(first.secret);
    expect(original.status).toBe(201);
    expect((await asToken(first.secret)).headers.get("idempotent-replayed")).toBe("true");

    await revokeApiToken(db, admin, first.token.id);
    const second = await createApiToken(db, admin, { name: "ci-deploys", role: "responder" });
    const fresh = await asToken(second.secret);
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(fresh.json.id).not.toBe(original.json.id);
    expect(await incidentCount()).toBe(2);
    expect(
      (
        await queryRows<{ principal: string }>(sql`select principal from idempotency_keys order by principal`)
      ).map((r) => r.principal),
    ).toEqual([`token-id:${first.token.id}`, `token-id:${second.token.id}`].sort());
  });
});

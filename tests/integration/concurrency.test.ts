import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import { getDb } from "@/db/client";
import { idempotencyKeys } from "@/db/core-schema";
import { requestFingerprint } from "@/lib/http/idempotency-store";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { sql } from "drizzle-orm";

// Every request here goes through the real route handlers at once (Promise.all). On PostgreSQL the
// pool has 10 connections, so the commands really overlap; on PGlite they queue on its one connection.
const PATH = "/api/dashboard/incidents";
const declare = (body: unknown = validIncident, headers: Record<string, string> = {}) =>
  call(collection.POST, PATH, { method: "POST", body, headers });
const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(item.PATCH, `${PATH}/${id}`, { method: "PATCH", body, headers, params: { id } });
const note = (id: string, message: string) =>
  call(timeline.POST, `${PATH}/${id}/timeline`, {
    method: "POST",
    body: { type: "update", message },
    params: { id },
  });
const kinds = async (id: string) =>
  (
    await queryRows<{ kind: string }>(
      sql`select kind from timeline_entries where incident_id = ${id} order by id`,
    )
  ).map((r) => r.kind);

beforeEach(async () => {
  await resetDatabase();
});

describe("concurrent commands", () => {
  it("gives 100 simultaneous declarations 100 distinct, gapless IDs", async () => {
    const year = new Date().getUTCFullYear();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => declare({ ...validIncident, title: `Parallel outage ${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(201));

    const expected: string[] = [];
    for (let n = 1; n <= 100; n++) expected.push(`INC-${year}-${n < 10 ? "000" : n < 100 ? "00" : "0"}${n}`);
    expect(expected[0]).toBe(`INC-${year}-0001`);
    expect(expected[99]).toBe(`INC-${year}-0100`);
    expect(answers.map((a) => a.json.id as string).sort()).toEqual(expected);

    const rows = await queryRows<{ id: string; title: string }>(
      sql`select id, title from incidents order by id`,
    );
    expect(rows.map((r) => r.id)).toEqual(expected);
    // Each answer describes the row that was stored under its ID.
    const titleById = new Map(rows.map((r) => [r.id, r.title]));
    for (const a of answers) expect(titleById.get(a.json.id)).toBe(a.json.title);
    const [counter] = await queryRows<{ last: number }>(
      sql`select last from incident_counters where year = ${year}`,
    );
    expect(counter.last).toBe(100);
    const [declared] = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from timeline_entries where kind = 'declared'`,
    );
    expect(declared.n).toBe(100);
  });

  it("lets exactly one of two PATCHes with the same If-Match win; the other gets 412", async () => {
    const id = (await declare()).json.id as string;
    const [a, b] = await Promise.all([
      patch(id, { severity: "SEV2" }, { "if-match": '"1"' }),
      patch(id, { severity: "SEV3" }, { "if-match": '"1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.headers.get("content-type")).toBe("application/problem+json");
    expect(loser.json.status).toBe(412);
    expect(winner.json.version).toBe(2);

    const [row] = await queryRows<{ severity: string; version: number }>(
      sql`select severity, version from incidents where id = ${id}`,
    );
    expect(row).toEqual({ severity: winner.json.severity, version: 2 });
    expect(await kinds(id)).toEqual(["declared", "severity_changed"]);
  });

  it("applies a status change and a timeline post that race, keeping both entries", async () => {
    const id = (await declare()).json.id as string;
    const [status, posted] = await Promise.all([
      patch(id, { status: "mitigated", mitigationSummary: "Failed over to the secondary region" }),
      note(id, "Customers report checkout works again"),
    ]);
    expect(status.status).toBe(200);
    expect(posted.status).toBe(201);

    const list = await call(timeline.GET, `${PATH}/${id}/timeline`, { params: { id } });
    const items = list.json.items as {
      kind: string;
      message: string | null;
      data: Record<string, unknown>;
    }[];
    expect(items.map((e) => e.kind).sort()).toEqual(["declared", "status_changed", "update"]);
    expect(items[0].kind).toBe("declared");
    expect(items.find((e) => e.kind === "update")?.message).toBe("Customers report checkout works again");
    expect(items.find((e) => e.kind === "status_changed")?.data).toMatchObject({
      from: "declared",
      to: "mitigated",
    });
    const [row] = await queryRows<{ status: string; version: number }>(
      sql`select status, version from incidents where id = ${id}`,
    );
    // Both are changes to the incident: each takes a version.
    expect(row).toEqual({ status: "mitigated", version: 3 });
  });

  it("runs many status changes and notes on one incident without losing any", async () => {
    const id = (await declare()).json.id as string;
    const commands = [
      patch(id, { severity: "SEV2" }),
      patch(id, { commanderId: "user_abc123" }),
      patch(id, { technicalLeadId: "user_def456" }),
      ...Array.from({ length: 7 }, (_, i) => note(id, `note ${i}`)),
    ];
    const answers = await Promise.all(commands);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 201, 201, 201, 201, 201, 201, 201]);
    const all = await kinds(id);
    expect(all.filter((k) => k === "update")).toHaveLength(7);
    expect(all.filter((k) => k !== "update").sort()).toEqual([
      "commander_changed",
      "declared",
      "role_changed",
      "severity_changed",
    ]);
    const [row] = await queryRows(
      sql`select severity, commander_id, technical_lead_id, version from incidents where id = ${id}`,
    );
    expect(row).toEqual({
      severity: "SEV2",
      commander_id: "user_abc123",
      technical_lead_id: "user_def456",
      version: 11,
    });
  });
});

describe("timeline order under contention", () => {
  // The timeline is read oldest first; each severity_changed entry's `from` must be the previous
  // entry's `to`, or the story the timeline tells is not what happened. Several rounds of 30
  // overlapping PATCHes make interleavings likely on PostgreSQL (PGlite runs them one by one).
  it("lists concurrent changes in the order they were applied", async () => {
    const cycle = ["SEV2", "SEV3", "SEV4", "SEV1"];
    for (let round = 0; round < 4; round++) {
      const id = (await declare()).json.id as string;
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => patch(id, { severity: cycle[i % 4] })),
      );
      for (const a of answers) expect(a.status).toBe(200);
      const list = await call(timeline.GET, `${PATH}/${id}/timeline`, { params: { id } });
      const changes = (list.json.items as { kind: string; data: { from: string; to: string } }[]).filter(
        (e) => e.kind === "severity_changed",
      );
      expect(changes.length).toBeGreaterThan(0);
      let current = "SEV1"; // validIncident is declared as SEV1
      for (const [n, change] of changes.entries()) {
        expect(change.data.from, `round ${round}, change ${n} of ${changes.length}`).toBe(current);
        current = change.data.to;
      }
      const [row] = await queryRows<{ severity: string }>(
        sql`select severity from incidents where id = ${id}`,
      );
      expect(row.severity).toBe(current);
    }
  });
});

describe("concurrent Idempotency-Key retries", () => {
  it("declares once for 10 simultaneous POSTs with the same key and body", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => declare(validIncident, { "idempotency-key": "retry-storm-1" })),
    );
    const statuses = answers.map((a) => a.status);
    for (const s of statuses) expect([201, 409]).toContain(s);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.headers.get("content-type")).toBe("application/problem+json");
      expect(a.json.type).toContain("idempotency_in_progress");
    }

    const rows = await queryRows<{ id: string }>(sql`select id from incidents`);
    expect(rows).toHaveLength(1);
    expect(new Set(created.map((a) => a.json.id))).toEqual(new Set([rows[0].id]));
    const [key] = await queryRows<{ state: string; response_status: number }>(
      sql`select state, response_status from idempotency_keys where key = 'retry-storm-1'`,
    );
    expect(key).toEqual({ state: "done", response_status: 201 });

    // A later retry replays the stored answer.
    const again = await declare(validIncident, { "idempotency-key": "retry-storm-1" });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(rows[0].id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("keeps different keys independent under concurrency", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        declare({ ...validIncident, title: `Keyed outage ${i % 5}` }, { "idempotency-key": `k-${i % 5}` }),
      ),
    );
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const rows = await queryRows<{ title: string }>(sql`select title from incidents order by title`);
    expect(rows.map((r) => r.title)).toEqual([
      "Keyed outage 0",
      "Keyed outage 1",
      "Keyed outage 2",
      "Keyed outage 3",
      "Keyed outage 4",
    ]);
  });
});

describe("an abandoned Idempotency-Key claim", () => {
  it("is taken over after a minute, so the retry of a request whose process died runs", async () => {
    const db = await getDb();
    const body = JSON.stringify(validIncident);
    // The claim a crashed process left behind two minutes ago (principal = the responder token's actor key).
    await db.insert(idempotencyKeys).values({
      principal: `token-id:${(await queryRows<{ id: string }>(sql`select id from api_tokens where name = 'test-responder'`))[0].id}`,
      key: "crashed",
      requestHash: await requestFingerprint(db, "POST", "/api/dashboard/incidents", body),
      state: "running",
      createdAt: new Date(Date.now() - 120_000),
    });
    const retry = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      rawBody: body,
      headers: { "content-type": "application/json", "idempotency-key": "crashed" },
    });
    expect(retry.status).toBe(201);
    const fresh = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      rawBody: body,
      headers: { "content-type": "application/json", "idempotency-key": "crashed" },
    });
    expect(fresh.headers.get("idempotent-replayed")).toBe("true");
    expect(fresh.json.id).toBe(retry.json.id);
  });
});

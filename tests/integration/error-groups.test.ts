import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as errors from "@/app/api/errors/route";
import * as errorItem from "@/app/api/errors/[id]/route";
import * as releases from "@/app/api/releases/route";
import { getDb } from "@/db/client";
import { declareFromErrorGroup } from "@/lib/error-groups/declare-from-error-group";
import { ingestErrors } from "@/lib/error-groups/ingest-errors";
import { call, queryRows, resetDatabase, responder, validIncident } from "@/tests/support/harness";

const occurrence = (extra: Record<string, unknown> = {}) => ({
  fingerprint: "stripe-webhook-timeout",
  title: "TimeoutError: Stripe webhook handler exceeded 30s",
  culprit: "webhooks/stripe.ts in handleEvent",
  service: "payment-service",
  environment: "production",
  ...extra,
});
const report = (body: unknown, as: "responder" | "viewer" | "anonymous" = "responder") =>
  call(errors.POST, "/api/errors", { method: "POST", body, as });
const listGroups = (query = "", as: "viewer" | "responder" = "viewer") =>
  call(errors.GET, `/api/errors${query}`, { as });
const groupCount = async () =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from error_groups`))[0].n);
const createdEvents = () =>
  queryRows<{ subject_id: string; payload: { fingerprint: string; environment: string } }>(
    sql`select subject_id, payload from events where type = 'error_group.created' order by id`,
  );
const paths = (res: { json: { errors?: { path: string }[] } }) =>
  (res.json.errors ?? []).map((e) => e.path).sort();

beforeEach(async () => {
  await resetDatabase();
});

describe("POST /api/errors", () => {
  it("creates a group on the first report (201, created) and adds to it after (200)", async () => {
    const first = await report(occurrence({ count: 3, usersAffected: 2, seenAt: "2026-03-15T14:20:00Z" }));
    expect(first.status).toBe(201);
    expect(first.json.created).toBe(true);
    expect(first.json.group).toMatchObject({
      fingerprint: "stripe-webhook-timeout",
      count: 3,
      usersAffected: 2,
      status: "unresolved",
      firstSeen: "2026-03-15T14:20:00.000Z",
    });
    const second = await report(
      occurrence({ count: 4, usersAffected: 1, seenAt: "2026-03-15T14:10:00Z", title: "another wording" }),
    );
    expect(second.status).toBe(200);
    expect(second.json.created).toBe(false);
    // count adds up; users is the largest report (a lower bound); first seen moves back; the title stays.
    expect(second.json.group).toMatchObject({
      id: first.json.group.id,
      count: 7,
      usersAffected: 2,
      firstSeen: "2026-03-15T14:10:00.000Z",
      lastSeen: "2026-03-15T14:20:00.000Z",
      title: occurrence().title,
    });
    // The same fingerprint in another environment is another group.
    const staging = await report(occurrence({ environment: "staging" }));
    expect(staging.status).toBe(201);
    expect(await groupCount()).toBe(2);
    // One error_group.created outbox event per new group; the repeat announces nothing.
    expect(
      (await createdEvents()).map((e) => [e.subject_id, e.payload.fingerprint, e.payload.environment]),
    ).toEqual([
      [first.json.group.id, "stripe-webhook-timeout", "production"],
      [staging.json.group.id, "stripe-webhook-timeout", "staging"],
    ]);
  });

  it("takes a batch, summing repeated fingerprints before the upsert", async () => {
    const res = await report({
      occurrences: [
        occurrence(),
        occurrence({ count: 2 }),
        occurrence({ fingerprint: "db-pool-exhausted", title: "Pool exhausted", service: "checkout-api" }),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json.items).toHaveLength(2);
    const counts = Object.fromEntries(
      res.json.items.map((i: { group: { fingerprint: string; count: number } }) => [
        i.group.fingerprint,
        i.group.count,
      ]),
    );
    expect(counts).toEqual({ "stripe-webhook-timeout": 3, "db-pool-exhausted": 1 });
  });

  it("keeps one group with the right count under 50 simultaneous reports of one fingerprint", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => report(occurrence({ count: i + 1 }))),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect(answers.filter((a) => a.json.created === true)).toHaveLength(1);
    expect(await groupCount()).toBe(1);
    expect(await createdEvents()).toHaveLength(1);
    const [row] = await queryRows<{ count: number }>(sql`select count from error_groups`);
    expect(Number(row.count)).toBe((50 * 51) / 2);
    const [hourly] = await queryRows<{ n: number }>(sql`select sum(count)::int as n from error_group_hourly`);
    expect(Number(hourly.n)).toBe((50 * 51) / 2);
  });

  it("refuses bad reports with 422 naming the field, and stores nothing", async () => {
    const missing = await report({ title: "x", service: "payment-service", environment: "production" });
    expect(missing.status).toBe(422);
    expect(paths(missing)).toEqual(["fingerprint"]);
    const bad = await report({
      occurrences: [occurrence(), occurrence({ count: 0, service: "Bad Slug", extra: true })],
    });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["occurrences.1.count", "occurrences.1.extra", "occurrences.1.service"]);
    const future = await report(occurrence({ seenAt: "2999-01-01T00:00:00Z" }));
    expect(future.status).toBe(422);
    expect(future.json.errors).toEqual([{ path: "seenAt", message: "In the future." }]);
    const environment = await report(occurrence({ environment: "moon" }));
    expect(environment.status).toBe(422);
    expect(paths(await report({ occurrences: [] }))).toEqual(["occurrences"]);
    expect(await groupCount()).toBe(0);
    expect(await createdEvents()).toEqual([]);
  });

  it("needs a responder to report; viewers read", async () => {
    expect((await report(occurrence(), "viewer")).status).toBe(403);
    expect((await report(occurrence(), "anonymous")).status).toBe(401);
    expect((await listGroups("", "viewer")).status).toBe(200);
  });
});

describe("PATCH /api/errors/:id", () => {
  const patch = (id: string, body: unknown, as: "responder" | "viewer" = "responder") =>
    call(errorItem.PATCH, `/api/errors/${id}`, { method: "PATCH", body, params: { id }, as });

  it("resolves a group, which a new occurrence reopens; an ignored group stays ignored", async () => {
    const { group } = (await report(occurrence())).json;
    const resolved = await patch(group.id, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.json.status).toBe("resolved");
    expect((await report(occurrence())).json.group.status).toBe("unresolved");
    await patch(group.id, { status: "ignored" });
    const again = await report(occurrence());
    expect(again.json.group).toMatchObject({ status: "ignored", count: 3 });
    expect(
      (await call(errorItem.GET, `/api/errors/${group.id}`, { params: { id: group.id }, as: "viewer" })).json
        .status,
    ).toBe("ignored");
  });

  it("refuses a bad status (422), an unknown group (404) and viewers (403)", async () => {
    const { group } = (await report(occurrence())).json;
    expect(paths(await patch(group.id, { status: "fixed" }))).toEqual(["status"]);
    expect((await patch("err_nope", { status: "resolved" })).status).toBe(404);
    expect((await patch(group.id, { status: "resolved" }, "viewer")).status).toBe(403);
    expect(
      (await call(errorItem.GET, "/api/errors/err_nope", { params: { id: "err_nope" }, as: "viewer" }))
        .status,
    ).toBe(404);
  });
});

describe("GET /api/errors", () => {
  it("filters by service, environment and status, sorts by last seen or count, and pages with a cursor", async () => {
    await report(occurrence({ fingerprint: "a", count: 5, seenAt: "2026-03-15T10:00:00Z" }));
    await report(occurrence({ fingerprint: "b", count: 50, seenAt: "2026-03-15T09:00:00Z" }));
    await report(
      occurrence({ fingerprint: "c", count: 1, seenAt: "2026-03-15T11:00:00Z", service: "checkout-api" }),
    );
    await report(occurrence({ fingerprint: "d", count: 9, environment: "staging" }));

    const byLastSeen = await listGroups("?environment=production");
    expect(byLastSeen.json.items.map((g: { fingerprint: string }) => g.fingerprint)).toEqual(["c", "a", "b"]);
    const byCount = await listGroups("?environment=production&sort=count");
    expect(byCount.json.items.map((g: { fingerprint: string }) => g.fingerprint)).toEqual(["b", "a", "c"]);
    expect(byCount.json.items[0].trend).toHaveLength(24);
    const service = await listGroups("?service=checkout-api");
    expect(service.json.items.map((g: { fingerprint: string }) => g.fingerprint)).toEqual(["c"]);
    expect((await listGroups("?status=resolved")).json.items).toEqual([]);

    const page1 = await listGroups("?sort=count&limit=2");
    expect(page1.json.items.map((g: { fingerprint: string }) => g.fingerprint)).toEqual(["b", "d"]);
    const page2 = await listGroups(`?sort=count&limit=2&cursor=${page1.json.nextCursor}`);
    expect(page2.json.items.map((g: { fingerprint: string }) => g.fingerprint)).toEqual(["a", "c"]);
    expect(page2.json.nextCursor).toBeNull();
    // A cursor of the other sort order is refused, not misread.
    expect((await listGroups(`?sort=last_seen&cursor=${page1.json.nextCursor}`)).status).toBe(422);
    expect(paths(await listGroups("?sort=users&bogus=1"))).toEqual(["bogus", "sort"]);
  });

  it("counts this hour's occurrences in the last slot of the trend", async () => {
    await report(occurrence({ count: 4 }));
    const [group] = (await listGroups()).json.items;
    expect(group.trend.at(-1)).toBe(4);
    expect(group.trend.slice(0, -1).every((n: number) => n === 0)).toBe(true);
  });
});

describe("POST/GET /api/releases", () => {
  const release = (extra: Record<string, unknown> = {}) => ({
    service: "payment-service",
    environment: "production",
    version: "v2.3.1",
    commit: "9F3C2A1B7E",
    deployedAt: "2026-03-15T14:05:00Z",
    deployedBy: "ci:deploy-prod",
    ...extra,
  });
  const post = (body: unknown, as: "responder" | "viewer" = "responder") =>
    call(releases.POST, "/api/releases", { method: "POST", body, as });

  it("records a release (201), answers the stored one for a repeat (200), and lists newest first", async () => {
    const first = await post(release());
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      version: "v2.3.1",
      commit: "9f3c2a1b7e",
      deployedBy: "ci:deploy-prod",
      deployedAt: "2026-03-15T14:05:00.000Z",
    });
    expect(first.json.id).toMatch(/^rel_/);
    const repeat = await post(release({ commit: "abcdef1" }));
    expect(repeat.status).toBe(200);
    expect(repeat.json).toEqual(first.json);
    await post(release({ version: "v2.3.2", deployedAt: "2026-03-15T15:00:00Z" }));
    await post(release({ service: "checkout-api", version: "v9", deployedAt: "2026-03-15T13:00:00Z" }));
    const all = await call(releases.GET, "/api/releases", { as: "viewer" });
    expect(all.json.items.map((r: { version: string }) => r.version)).toEqual(["v2.3.2", "v2.3.1", "v9"]);
    const page = await call(releases.GET, "/api/releases?service=payment-service&limit=1", { as: "viewer" });
    expect(page.json.items.map((r: { version: string }) => r.version)).toEqual(["v2.3.2"]);
    const next = await call(
      releases.GET,
      `/api/releases?service=payment-service&limit=1&cursor=${page.json.nextCursor}`,
      { as: "viewer" },
    );
    expect(next.json.items.map((r: { version: string }) => r.version)).toEqual(["v2.3.1"]);
    expect(next.json.nextCursor).toBeNull();
  });

  it("refuses bad releases with 422 and viewers with 403", async () => {
    const bad = await post(
      release({ commit: "not-a-sha", url: "javascript:alert(1)", version: "", when: "now" }),
    );
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["commit", "url", "version", "when"]);
    expect((await post(release({ deployedAt: "2999-01-01T00:00:00Z" }))).json.errors).toEqual([
      { path: "deployedAt", message: "In the future." },
    ]);
    expect((await post(release(), "viewer")).status).toBe(403);
    expect((await call(releases.GET, "/api/releases", { as: "viewer" })).json.items).toEqual([]);
  });
});

describe("declareFromErrorGroup", () => {
  it("declares with source error_group and links the group in the same transaction", async () => {
    const db = await getDb();
    const { items } = await ingestErrors(db, responder, occurrence());
    const groupId = items[0].group.id;
    const incident = await declareFromErrorGroup(
      db,
      responder,
      { ...validIncident, declaredBy: undefined },
      groupId,
    );
    expect(incident.source).toBe("error_group");
    expect(incident.links.map((l) => [l.type, l.targetId])).toEqual([["error_group", groupId]]);
    const kinds = await queryRows<{ kind: string }>(
      sql`select kind from timeline_entries where incident_id = ${incident.id} order by id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(["declared", "link_added"]);
  });

  it("declares nothing when the group is unknown or the input is refused", async () => {
    const db = await getDb();
    await expect(declareFromErrorGroup(db, responder, validIncident, "err_missing")).rejects.toMatchObject({
      code: "validation",
      errors: [{ path: "errorGroupId" }],
    });
    const { items } = await ingestErrors(db, responder, occurrence());
    await expect(
      declareFromErrorGroup(db, responder, { ...validIncident, severity: "SEV9" }, items[0].group.id),
    ).rejects.toMatchObject({ code: "validation" });
    expect(Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from incidents`))[0].n)).toBe(
      0,
    );
  });
});

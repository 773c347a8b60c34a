import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as metricsRoute from "@/app/api/dashboard/incidents/metrics/route";
import { getDb } from "@/db/client";
import { ensureServices } from "@/lib/catalog/references";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { changePage } from "@/lib/paging/change-page";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, responder, viewer } from "@/tests/support/harness";
import { defaultPolicyOf, verifiedEmail } from "@/tests/support/paging-setup";

// MTTA is declared → first acknowledgement when paging reached the incident, declared → investigating
// when nobody was paged; MTTI is declared → investigating for every incident. Times set by hand
// (minutes after each declaration), expected figures worked out from them.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const DAY = "2026-03-10";
const at = (hhmm: string, minutes = 0) => new Date(Date.parse(`${DAY}T${hhmm}:00Z`) + minutes * 60_000);
const ids = {} as Record<"paged" | "unpaged" | "unanswered", string>;

const declare = async (title: string, declared: Date) =>
  (
    await declareIncident(
      await getDb(),
      responder,
      { title, severity: "SEV1", services: ["checkout-api"], environment: "production" },
      { now: declared },
    )
  ).id;
const investigate = async (id: string, when: Date) =>
  updateIncident(await getDb(), responder, id, { status: "investigating" }, { now: when });
const pageOf = async (incidentId: string) =>
  (await queryRows<{ id: string }>(sql`select id from pages where incident_id = ${incidentId}`))[0]?.id;
const stamps = async (incidentId: string) =>
  (
    await queryRows<{ paged_at: Date | string | null; acknowledged_at: Date | string | null }>(
      sql`select paged_at, acknowledged_at from incidents where id = ${incidentId}`,
    )
  ).map((r) => ({
    pagedAt: r.paged_at && new Date(r.paged_at).toISOString(),
    acknowledgedAt: r.acknowledged_at && new Date(r.acknowledged_at).toISOString(),
  }))[0];

beforeAll(async () => {
  const db = await resetDatabase();
  await ensureServices(db, ["checkout-api"]);
  // Declared before any policy exists: nobody is paged.
  ids.unpaged = await declare("Nobody paged", at("08:00"));
  await runConsumers();
  await investigate(ids.unpaged, at("08:00", 10));

  await verifiedEmail("user_def456", "priya@example.com");
  expect((await defaultPolicyOf("Everyone", ["user_def456"])).status).toBe(201);

  ids.paged = await declare("Paged and answered", at("10:00"));
  await runConsumers();
  // Someone starts investigating before the page is answered: MTTA waits for the acknowledgement.
  await investigate(ids.paged, at("10:00", 2));
  await changePage(db, responder, (await pageOf(ids.paged))!, "acknowledge", { now: at("10:00", 7) });

  // Paged, investigated, never acknowledged.
  ids.unanswered = await declare("Paged, unanswered", at("12:00"));
  await runConsumers();
  await investigate(ids.unanswered, at("12:00", 3));
});

describe("MTTA from the page's acknowledgement", () => {
  it("stamps the incident when its page opens and when it is first acknowledged", async () => {
    expect(await pageOf(ids.unpaged)).toBeUndefined();
    expect(await stamps(ids.unpaged)).toEqual({ pagedAt: null, acknowledgedAt: null });
    expect(await stamps(ids.paged)).toEqual({
      pagedAt: at("10:00").toISOString(),
      acknowledgedAt: at("10:00", 7).toISOString(),
    });
    expect(await stamps(ids.unanswered)).toEqual({
      pagedAt: at("12:00").toISOString(),
      acknowledgedAt: null,
    });
  });

  it("measures paged incidents to the acknowledgement, others to investigating, and reports MTTI", async () => {
    const res = await call(metricsRoute.GET, `/api/dashboard/incidents/metrics?from=${DAY}&to=${DAY}`, {
      as: "viewer",
    });
    expect(res.status).toBe(200);
    // MTTA: paged 7 min (not its 2 min to investigating), unpaged 10 min; the unanswered page has none.
    expect(res.json.times.mtta).toMatchObject({ count: 2, mean: 510, p50: 510, p90: 582 });
    // MTTI: 2, 10 and 3 minutes, paged or not.
    expect(res.json.times.mtti).toMatchObject({ count: 3, mean: 300, p50: 180, p90: 516 });
    // The rollups (the unfiltered overview) and the direct aggregation (any filter) agree.
    const now = at("23:00");
    const db = await getDb();
    const query = { from: DAY, to: DAY };
    const rollup = await getIncidentMetrics(db, viewer, query, { now, source: "rollup" });
    const direct = await getIncidentMetrics(db, viewer, query, { now, source: "direct" });
    expect(rollup.times).toEqual(direct.times);
    expect(direct.times.mtta.mean).toBe(510);
  });

  it("keeps the first acknowledgement through a re-trigger and a second acknowledgement", async () => {
    const db = await getDb();
    const pageId = (await pageOf(ids.paged))!;
    await changePage(db, responder, pageId, "escalate", { now: at("10:00", 20) });
    const again = await changePage(db, responder, pageId, "acknowledge", { now: at("10:00", 25) });
    expect(again.state).toBe("acknowledged");
    expect((await stamps(ids.paged))?.acknowledgedAt).toBe(at("10:00", 7).toISOString());
    const metrics = await getIncidentMetrics(db, viewer, { from: DAY, to: DAY }, { now: at("23:00") });
    expect(metrics.times.mtta).toMatchObject({ count: 2, mean: 510 });
  });

  it("counts an unanswered page's incident once someone acknowledges it", async () => {
    const db = await getDb();
    await changePage(db, responder, (await pageOf(ids.unanswered))!, "acknowledge", {
      now: at("12:00", 30),
    });
    const metrics = await getIncidentMetrics(db, viewer, { from: DAY, to: DAY }, { now: at("23:00") });
    // 7, 10 and 30 minutes.
    expect(metrics.times.mtta).toMatchObject({ count: 3, mean: 940, p50: 600 });
    expect(metrics.times.mtti).toMatchObject({ count: 3, mean: 300 });
  });
});

import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { rollupWindowStats } from "@/lib/metrics/rollup-metrics";
import { queryRows, resetDatabase, viewer } from "@/tests/support/harness";

// The rollups (triggers on incidents / incident_services) must give exactly the figures of the direct
// aggregation: same counts, means, p50 / p90 to the millisecond, frequency and top services.
// Random data with a fixed seed: many incidents on the same days, updates that move incidents between
// statuses, days, severities and services, and clocks in the middle of a day (the windows are whole
// days; a preset's last day is today so far).

const NOW = new Date("2026-06-15T13:37:21.123Z");
const SERVICES = ["api", "db", "web", "queue", "auth"];

// A small deterministic generator (mulberry32), so a failure can be replayed.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function loadRandomIncidents(count: number, seed: number) {
  const db = await getDb();
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
  await db.execute(
    sql`insert into services (slug, name) select s, s from unnest(${`{${SERVICES.join(",")}}`}::text[]) s on conflict do nothing`,
  );
  for (let i = 1; i <= count; i++) {
    // Whole milliseconds, as the app writes them, and some exact ties (same second) to stress the ranks.
    const created = new Date(
      NOW.getTime() - Math.floor(rnd() * 200 * 86_400_000) - (rnd() < 0.1 ? 0 : Math.floor(rnd() * 1000)),
    );
    const status = pick([
      "declared",
      "investigating",
      "mitigated",
      "resolved",
      "resolved",
      "resolved",
    ] as const);
    const minutes = (max: number) =>
      Math.floor(rnd() * max * 60_000) + (rnd() < 0.2 ? 0 : Math.floor(rnd() * 1000));
    const investigating = status === "declared" ? null : new Date(created.getTime() + minutes(30));
    const mitigated =
      status === "mitigated" || (status === "resolved" && rnd() < 0.7)
        ? new Date(created.getTime() + minutes(240))
        : null;
    const resolved = status === "resolved" ? new Date(created.getTime() + minutes(2000)) : null;
    const impactSource = pick(["declared_default", "reported", "alert"] as const);
    const impact = impactSource === "declared_default" ? created : new Date(created.getTime() - minutes(60));
    // Paged incidents (MTTA from the first acknowledgement), some nobody acknowledged (no MTTA).
    const paged = rnd() < 0.4 ? new Date(created.getTime() + Math.floor(rnd() * 5000)) : null;
    const acknowledged = paged && rnd() < 0.8 ? new Date(created.getTime() + minutes(20)) : null;
    const id = `INC-2026-${String(i).padStart(4, "0")}`;
    await db.execute(sql`insert into incidents (id, year, seq, title, severity, status, environment, declared_by, source, impact_started_at, impact_start_source,
        created_at, investigating_at, mitigated_at, resolved_at, paged_at, acknowledged_at, updated_at)
      values (${id}, 2026, ${i}, 'Random', ${pick(["SEV1", "SEV2", "SEV3", "SEV4"])}, ${status}, ${pick(["production", "staging"])}, 'test', 'api',
        ${impact.toISOString()}, ${impactSource}, ${created.toISOString()}, ${investigating?.toISOString() ?? null}, ${mitigated?.toISOString() ?? null},
        ${resolved?.toISOString() ?? null}, ${paged?.toISOString() ?? null}, ${acknowledged?.toISOString() ?? null}, ${created.toISOString()})`);
    const first = pick(SERVICES);
    await db.execute(
      sql`insert into incident_services (incident_id, service_slug, incident_created_at) values (${id}, ${first}, ${created.toISOString()})`,
    );
    if (rnd() < 0.3) {
      await db.execute(
        sql`insert into incident_services (incident_id, service_slug, incident_created_at) values (${id}, ${pick(SERVICES.filter((s) => s !== first))}, ${created.toISOString()})`,
      );
    }
  }
  // Later changes, as use cases make them: reopen, resolve, reclassify, move services.
  for (let i = 0; i < count / 4; i++) {
    const id = `INC-2026-${String(1 + Math.floor(rnd() * count)).padStart(4, "0")}`;
    const change = pick([
      "reopen",
      "resolve",
      "severity",
      "environment",
      "impact",
      "service",
      "page",
      "acknowledge",
    ] as const);
    if (change === "reopen")
      await db.execute(
        sql`update incidents set status = 'investigating', resolved_at = null where id = ${id}`,
      );
    if (change === "resolve")
      await db.execute(
        sql`update incidents set status = 'resolved', resolved_at = created_at + interval '93 minutes 7.25 seconds' where id = ${id}`,
      );
    if (change === "severity") await db.execute(sql`update incidents set severity = 'SEV1' where id = ${id}`);
    if (change === "environment")
      await db.execute(sql`update incidents set environment = 'development' where id = ${id}`);
    if (change === "impact")
      await db.execute(
        sql`update incidents set impact_start_source = 'reported', impact_started_at = created_at - interval '17 minutes' where id = ${id}`,
      );
    // As paging stamps them: paged once, acknowledged once (a paged incident's MTTA moves off investigating).
    if (change === "page")
      await db.execute(
        sql`update incidents set paged_at = created_at + interval '3 seconds' where id = ${id} and paged_at is null`,
      );
    if (change === "acknowledge")
      await db.execute(
        sql`update incidents set paged_at = coalesce(paged_at, created_at), acknowledged_at = created_at + interval '4 minutes 2.5 seconds'
          where id = ${id} and acknowledged_at is null`,
      );
    if (change === "service") {
      await db.execute(sql`delete from incident_services where incident_id = ${id}`);
      await db.execute(
        sql`insert into incident_services (incident_id, service_slug, incident_created_at) select id, ${pick(SERVICES)}, created_at from incidents where id = ${id}`,
      );
    }
  }
}

const both = async (query: Record<string, string>, now = NOW) => ({
  rollup: await getIncidentMetrics(await getDb(), viewer, query, { now, source: "rollup" }),
  direct: await getIncidentMetrics(await getDb(), viewer, query, { now, source: "direct" }),
});

beforeAll(async () => {
  await resetDatabase();
  await loadRandomIncidents(600, 20261127);
}, 120_000);

describe("metrics rollups", () => {
  it("refuse a window that cuts a day (they hold whole days only)", async () => {
    const db = await getDb();
    await expect(
      rollupWindowStats(db, new Date("2026-06-01T10:00:00Z"), new Date("2026-06-15T00:00:00Z")),
    ).rejects.toThrow("whole UTC days");
    await expect(
      rollupWindowStats(db, new Date("2026-06-01T00:00:00Z"), new Date("2026-06-15T00:00:00.001Z")),
    ).rejects.toThrow("whole UTC days");
    expect(
      (await rollupWindowStats(db, new Date("2026-06-01T00:00:00Z"), new Date("2026-06-15T00:00:00Z")))
        .incidents,
    ).toBeGreaterThan(0);
  });

  it("give exactly the direct figures for the preset ranges, at a mid-day now", async () => {
    for (const query of [{}, { range: "7d" }, { range: "90d", interval: "month" }] as Record<
      string,
      string
    >[]) {
      const { rollup, direct } = await both(query);
      expect(direct.incidents.count).toBeGreaterThan(0);
      expect(direct.times.mttr.p90).not.toBeNull();
      // MTTA and MTTI differ once some incidents are paged: both are checked, not one figure twice.
      expect(direct.times.mtta.count).toBeGreaterThan(0);
      expect(direct.times.mtti.count).toBeGreaterThan(0);
      expect(direct.times.mtta.mean).not.toBe(direct.times.mtti.mean);
      expect(direct.topServices.length).toBeGreaterThan(0);
      expect(rollup).toEqual(direct);
    }
  });

  it("give exactly the direct figures for custom day windows and other clocks", async () => {
    const cases: [Record<string, string>, Date][] = [
      [{ from: "2026-01-01", to: "2026-03-31" }, NOW],
      [{ from: "2026-05-20" }, NOW],
      [{ from: "2026-06-15", to: "2026-06-15" }, NOW],
      [{ range: "30d" }, new Date("2026-06-01T00:00:00.000Z")],
      [{ range: "90d" }, new Date("2026-04-30T23:59:59.999Z")],
    ];
    for (const [query, now] of cases) {
      const { rollup, direct } = await both(query, now);
      expect(rollup).toEqual(direct);
    }
  });

  it("are what a rebuild from scratch computes (triggers kept them exact through every update)", async () => {
    const snapshot = async () => ({
      stats: await queryRows(
        sql`select * from incident_daily_stats where incidents <> 0 order by day, service, severity, environment`,
      ),
      buckets: await queryRows(
        sql`select * from incident_metric_buckets where n <> 0 order by day, metric, bucket`,
      ),
      subs: await queryRows(
        sql`select * from incident_metric_sub_buckets where subs <> array_fill(0, array[32]) order by metric, bucket, day`,
      ),
      // Each bucket row's count and the sum of its sub-bucket counts, where either is not zero.
      sums: await queryRows(sql`select b.n, (select sum(x) from unnest(s.subs) x) as subs from incident_metric_buckets b
        full join incident_metric_sub_buckets s using (day, metric, bucket) where coalesce(b.n, 0) <> 0 or s.subs <> array_fill(0, array[32])`),
    });
    const kept = await snapshot();
    await queryRows(sql`select incident_rollups_rebuild()`);
    const rebuilt = await snapshot();
    expect(kept.buckets.length).toBeGreaterThan(0);
    expect(kept.subs.length).toBeGreaterThan(0);
    for (const row of kept.sums) expect(Number(row.subs)).toBe(Number(row.n));
    // numeric sums compare as numbers (a rebuild may print 0 where the triggers left 0.000).
    // Sub-bucket counts (int[]) compare element by element (Number of an array would be NaN, and NaN equals NaN).
    const value = (k: string, v: unknown) =>
      k === "day" ? String(v) : Array.isArray(v) ? v.map(Number) : Number(v);
    const normalise = (rows: Record<string, unknown>[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(k, v)])));
    expect(normalise(kept.stats)).toEqual(normalise(rebuilt.stats));
    expect(normalise(kept.buckets)).toEqual(normalise(rebuilt.buckets));
    expect(normalise(kept.subs)).toEqual(normalise(rebuilt.subs));
  });

  it("count an incident and its services written in one statement once (declare writes both in one CTE)", async () => {
    const before = await queryRows<{ n: number }>(
      sql`select coalesce(sum(incidents), 0)::int as n from incident_daily_stats where service = 'svc-cte'`,
    );
    await queryRows(sql`with incident as (
        insert into incidents (id, year, seq, title, severity, status, environment, declared_by, source, impact_started_at, impact_start_source, created_at, updated_at)
        values ('INC-2026-9990', 2026, 9990, 'One statement', 'SEV2', 'declared', 'production', 'test', 'api', now(), 'declared_default', now(), now()) returning id),
      services as (insert into services (slug, name) values ('svc-cte', 'svc-cte') on conflict do nothing returning slug)
      select 1`);
    await queryRows(sql`with incident as (
        insert into incidents (id, year, seq, title, severity, status, environment, declared_by, source, impact_started_at, impact_start_source, created_at, updated_at)
        values ('INC-2026-9991', 2026, 9991, 'One statement', 'SEV2', 'declared', 'production', 'test', 'api', now(), 'declared_default', now(), now()) returning id)
      insert into incident_services (incident_id, service_slug, incident_created_at) select id, 'svc-cte', now() from incident`);
    const after = await queryRows<{ n: number }>(
      sql`select coalesce(sum(incidents), 0)::int as n from incident_daily_stats where service = 'svc-cte'`,
    );
    expect(Number(after[0].n) - Number(before[0].n)).toBe(1);
  });

  it("follow a truncate of the incidents", async () => {
    await resetDatabase();
    const [row] = await queryRows<{ n: number }>(
      sql`select (select count(*) from incident_daily_stats) + (select count(*) from incident_metric_buckets) + (select count(*) from incident_metric_sub_buckets) as n`,
    );
    expect(Number(row.n)).toBe(0);
    const { rollup, direct } = await both({ range: "90d" });
    expect(rollup).toEqual(direct);
  });
});

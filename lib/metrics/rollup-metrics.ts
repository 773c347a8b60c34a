import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { METRIC_KEYS } from "@/db/metric-columns";
import { exactPercentiles } from "./rollup-percentiles";

// The unfiltered metrics overview from the rollups (db/metrics-rollup-schema.ts), over whole UTC days
// (the windows of schemas.ts metricsWindow): incident_daily_stats and incident_metric_buckets alone, so
// the cost follows the days of the window, not its incidents. Every figure equals the direct
// aggregation in get-incident-metrics.ts (tests/integration/metrics-rollup.test.ts proves it on random
// data): sums are numeric, and the percentiles are exact, narrowed down from bucket to sub-bucket to
// value (rollup-percentiles.ts).

type MetricKey = (typeof METRIC_KEYS)[number];
const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString();
const dayOf = (d: Date) => iso(d).slice(0, 10);

type Stat = { count: number; mean: number | null; p50: number | null; p90: number | null };
const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);

/** The rollup rows of [from, to), which must be whole UTC days (metricsWindow makes them so). */
export function wholeDays(from: Date, to: Date): SQL {
  if (from.getTime() % DAY_MS !== 0 || to.getTime() % DAY_MS !== 0 || to <= from) {
    throw new Error(`The rollups answer whole UTC days, not ${iso(from)} to ${iso(to)}.`);
  }
  return sql`day >= ${dayOf(from)}::date and day < ${dayOf(to)}::date`;
}

export async function rollupWindowStats(db: Db, from: Date, to: Date) {
  const days = wholeDays(from, to);
  const totals = sql.join(
    [
      sql`coalesce(sum(incidents), 0)::int as incidents`,
      sql`coalesce(sum(open), 0)::int as open`,
      sql`coalesce(sum(with_impact_start), 0)::int as with_impact_start`,
      sql`coalesce(sum(with_measured_impact_start), 0)::int as with_measured`,
      ...METRIC_KEYS.flatMap((k) => [
        sql.raw(`coalesce(sum(${k}_count), 0)::int as ${k}_count`),
        sql.raw(`coalesce(sum(${k}_values), 0)::int as ${k}_values`),
        // numeric ÷ count is exactly what avg(numeric) computes.
        sql.raw(`(sum(${k}_sum) / nullif(sum(${k}_values), 0))::float8 as ${k}_mean`),
      ]),
    ],
    sql`, `,
  );
  const statsQuery = sql`select ${totals} from incident_daily_stats where service = '' and ${days}`;
  const bucketQuery = sql`select metric, bucket, sum(n)::int as n from incident_metric_buckets where ${days}
    group by metric, bucket having sum(n) > 0 order by metric, bucket`;
  // One snapshot for the counts and the reads they point at: a change committed in between (a reopened
  // incident losing its MTTR, an edited impact start moving its MTTD) would otherwise shift the ranks
  // out from under the value reads.
  const { row, percentiles } = await db.transaction(
    async (tx) => {
      const [totalsResult, bucketResult] = await Promise.all([
        tx.execute(statsQuery),
        tx.execute(bucketQuery),
      ]);
      const buckets = rowsOf<{ metric: MetricKey; bucket: number; n: number }>(bucketResult);
      return {
        row: rowsOf<Record<string, unknown>>(totalsResult)[0],
        percentiles: await exactPercentiles(tx as unknown as Db, buckets, { from, to, days }),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const stats = Object.fromEntries(
    METRIC_KEYS.map((k) => [
      k,
      {
        count: Number(row[`${k}_count`]),
        mean: num(row[`${k}_mean`]),
        p50: num(percentiles[k][0]),
        p90: num(percentiles[k][1]),
      },
    ]),
  ) as Record<MetricKey, Stat>;
  return {
    incidents: Number(row.incidents),
    open: Number(row.open),
    withImpactStart: Number(row.with_impact_start),
    withMeasuredImpactStart: Number(row.with_measured),
    stats,
  };
}

/** Incidents per week or month by severity (the same buckets as the direct query). */
export function rollupFrequencyCounts(from: Date, to: Date, unit: SQL) {
  return sql`(select date_trunc(${unit}, day::timestamptz) as bucket, severity, sum(incidents)::int as n
      from incident_daily_stats where service = '' and ${wholeDays(from, to)} group by 1, 2)`;
}

/** The services in the most incidents and their incident minutes (open ones count to min(now, to)). */
export async function rollupTopServices(db: Db, from: Date, to: Date) {
  const cap = sql`extract(epoch from least(now(), ${iso(to)}::timestamptz))`;
  const result = await db.execute(sql`select service, sum(incidents)::int as incidents,
        round((sum(resolved_span_sum) + sum(unresolved) * ${cap} - sum(unresolved_created_sum)) / 60)::int as minutes
      from incident_daily_stats where service <> '' and ${wholeDays(from, to)}
      group by service having sum(incidents) > 0
      order by 2 desc, 3 desc, service limit 10`);
  return rowsOf<{ service: string; incidents: number; minutes: number }>(result).map((r) => ({
    service: r.service,
    incidents: Number(r.incidents),
    minutes: Number(r.minutes),
  }));
}

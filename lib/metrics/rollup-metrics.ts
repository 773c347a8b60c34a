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
// value (rollup-percentiles.ts). splitWindow and edgeRows serve windows that cut days (follow-up metrics).

type MetricKey = (typeof METRIC_KEYS)[number];
const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString();
const dayOf = (d: Date) => iso(d).slice(0, 10);

type Range = { from: Date; to: Date };
/**
 * Rollup days [days.from, days.to), plus the incidents of `edges`, minus those of `minus`. A partial day
 * at an edge is read from the incidents either directly, or as its whole day's rollup row minus the
 * rest of the day, whichever holds fewer incidents by the clock (the part after `now` is empty until
 * something is declared there): a window ending now then subtracts almost nothing for today instead
 * of reading today's incidents, and no edge reads more than half a day.
 */
export type Split = { days: { from: string; to: string } | null; edges: Range[]; minus: Range[] };

/** [from, to) as whole UTC days and partial days read from the incidents (see Split). */
export function splitWindow(from: Date, to: Date, now = new Date()): Split {
  const first = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const last = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  if (first >= last) return { days: null, edges: [{ from, to }], minus: [] };
  // The time of a range that can hold incidents already (declared up to now).
  const span = (r: Range) => Math.max(0, Math.min(r.to.getTime(), now.getTime()) - r.from.getTime());
  const out: Split = { days: { from: dayOf(first), to: dayOf(last) }, edges: [], minus: [] };
  if (from < first) {
    const rest = { from: new Date(first.getTime() - DAY_MS), to: from };
    if (span(rest) < span({ from, to: first })) {
      out.days!.from = dayOf(rest.from);
      out.minus.push(rest);
    } else out.edges.push({ from, to: first });
  }
  if (last < to) {
    const rest = { from: to, to: new Date(last.getTime() + DAY_MS) };
    if (span(rest) < span({ from: last, to })) {
      out.days!.to = dayOf(rest.to);
      out.minus.push(rest);
    } else out.edges.push({ from: last, to });
  }
  return out;
}

export const dayRange = (split: Split) => (split.days ? sql`day >= ${split.days.from}::date and day < ${split.days.to}::date` : sql`false`);

const EDGE_COLUMNS = sql.raw("id, created_at");
/**
 * The incidents read at the edges, with their weight `w` in every sum: +1 for those of `edges`, -1 for
 * those of `minus`. One branch per range, each an index-only range scan of incidents_created_idx: a
 * disjunction of ranges is a bitmap scan that visits the table for every row.
 */
export function edgeRows(split: Split) {
  const parts = [...split.edges.map((range) => ({ range, w: 1 })), ...split.minus.map((range) => ({ range, w: -1 }))];
  if (!parts.length) return sql`(select ${EDGE_COLUMNS}, 0 as w from incidents where false)`;
  return sql`(${sql.join(
    parts.map(({ range, w }) => sql`select ${EDGE_COLUMNS}, ${sql.raw(String(w))} as w from incidents where created_at >= ${iso(range.from)}::timestamptz and created_at < ${iso(range.to)}::timestamptz`),
    sql` union all `,
  )})`;
}

type Stat = { count: number; mean: number | null; p50: number | null; p90: number | null };
const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);

/** The rollup rows of [from, to), which must be whole UTC days (metricsWindow makes them so). */
function wholeDays(from: Date, to: Date): SQL {
  if (from.getTime() % DAY_MS !== 0 || to.getTime() % DAY_MS !== 0 || to <= from) {
    throw new Error(`The rollups answer whole UTC days, not ${iso(from)} to ${iso(to)}.`);
  }
  return sql`day >= ${dayOf(from)}::date and day < ${dayOf(to)}::date`;
}

export async function rollupWindowStats(db: Db, from: Date, to: Date) {
  const days = wholeDays(from, to);
  const totals = sql.join(
    [
      sql`coalesce(sum(incidents), 0)::int as incidents`, sql`coalesce(sum(open), 0)::int as open`,
      sql`coalesce(sum(with_impact_start), 0)::int as with_impact_start`, sql`coalesce(sum(with_measured_impact_start), 0)::int as with_measured`,
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
      const [totalsResult, bucketResult] = await Promise.all([tx.execute(statsQuery), tx.execute(bucketQuery)]);
      const buckets = rowsOf<{ metric: MetricKey; bucket: number; n: number }>(bucketResult);
      return { row: rowsOf<Record<string, unknown>>(totalsResult)[0], percentiles: await exactPercentiles(tx as unknown as Db, buckets, { from, to, days }) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const stats = Object.fromEntries(
    METRIC_KEYS.map((k) => [k, { count: Number(row[`${k}_count`]), mean: num(row[`${k}_mean`]), p50: num(percentiles[k][0]), p90: num(percentiles[k][1]) }]),
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
  return rowsOf<{ service: string; incidents: number; minutes: number }>(result).map((r) => ({ service: r.service, incidents: Number(r.incidents), minutes: Number(r.minutes) }));
}

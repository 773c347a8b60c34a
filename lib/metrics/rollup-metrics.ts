import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { METRIC_KEYS } from "@/db/metric-columns";
import { exactPercentiles } from "./rollup-percentiles";

// The unfiltered metrics overview from the rollups (db/metrics-rollup-schema.ts): whole UTC days of the
// window come from incident_daily_stats / incident_metric_buckets, the partial days at its edges from
// the incidents themselves (read directly, or as the day's rollup row minus the rest of the day, each
// edge row weighted +1 or -1 in every sum: see Split). Every figure equals the direct aggregation in get-incident-metrics.ts
// (tests/integration/metrics-rollup.test.ts proves it on random data): sums are numeric, and the
// percentiles are exact, narrowed down from bucket to sub-bucket to value (rollup-percentiles.ts).

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

// Every column an edge read uses, all in incidents_edge_idx (db/schema.ts).
const EDGE_COLUMNS = sql.raw(
  "id, created_at, severity, status, impact_start_source, impact_started_at, investigating_at, mitigated_at, resolved_at, mttd_bucket, mtta_bucket, mttm_bucket, mttr_bucket",
);
/**
 * The incidents read at the edges, with their weight `w` in every sum: +1 for those of `edges`, -1 for
 * those of `minus`. One branch per range, each an index-only range scan of incidents_edge_idx: a
 * disjunction of ranges is a bitmap scan that visits the table for every row, and a dense year's
 * rows of one day lie on as many pages as there are rows (1M dense: 11 ms for ~2,700 rows, 0.5 ms from
 * the index alone).
 */
export function edgeRows(split: Split) {
  const parts = [...split.edges.map((range) => ({ range, w: 1 })), ...split.minus.map((range) => ({ range, w: -1 }))];
  if (!parts.length) return sql`(select ${EDGE_COLUMNS}, 0 as w from incidents where false)`;
  return sql`(${sql.join(
    parts.map(({ range, w }) => sql`select ${EDGE_COLUMNS}, ${sql.raw(String(w))} as w from incidents where created_at >= ${iso(range.from)}::timestamptz and created_at < ${iso(range.to)}::timestamptz`),
    sql` union all `,
  )})`;
}

// The metric definitions of get-incident-metrics.ts, for the edge rows.
const CONDITION: Record<MetricKey, SQL> = {
  mttd: sql`impact_start_source <> 'declared_default'`,
  mtta: sql`investigating_at is not null`,
  mttm: sql`mitigated_at is not null`,
  mttr: sql`status = 'resolved'`,
};
const VALUE: Record<MetricKey, SQL> = {
  mttd: sql`extract(epoch from (created_at - impact_started_at))`,
  mtta: sql`extract(epoch from (investigating_at - created_at))`,
  mttm: sql`extract(epoch from (mitigated_at - created_at))`,
  mttr: sql`extract(epoch from (resolved_at - created_at))`,
};

type Stat = { count: number; mean: number | null; p50: number | null; p90: number | null };
const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);

export async function rollupWindowStats(db: Db, from: Date, to: Date) {
  const split = splitWindow(from, to);
  const sign = sql`w`;
  const rollupCols = sql.join(
    [
      sql`incidents`, sql`open`, sql`with_impact_start`, sql`with_measured_impact_start`,
      ...METRIC_KEYS.flatMap((k) => [sql.raw(`${k}_count`), sql.raw(`${k}_values`), sql.raw(`${k}_sum`)]),
    ],
    sql`, `,
  );
  const edgeCols = sql.join(
    [
      sql`sum(${sign})`, sql`sum(${sign}) filter (where status <> 'resolved')`,
      sql`sum(${sign}) filter (where impact_start_source <> 'declared_default')`, sql`sum(${sign}) filter (where impact_start_source = 'alert')`,
      ...METRIC_KEYS.flatMap((k) => [
        sql`sum(${sign}) filter (where ${CONDITION[k]})`,
        sql`sum(${sign}) filter (where ${CONDITION[k]} and ${VALUE[k]} is not null)`,
        sql`coalesce(sum(${sign} * ${VALUE[k]}) filter (where ${CONDITION[k]}), 0)`,
      ]),
    ],
    sql`, `,
  );
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
  const statsQuery = sql`select ${totals} from (
      select ${rollupCols} from incident_daily_stats where service = '' and ${dayRange(split)}
      union all
      select ${edgeCols} from ${edgeRows(split)} e
    ) parts`;
  const bucketQuery = sql`select metric, bucket, sum(n)::int as n from (
      select metric, bucket, n from incident_metric_buckets where ${dayRange(split)}
      union all
      -- A bucket is null exactly when its value is (width_bucket of null).
      select m.metric, m.bucket, e.w from ${edgeRows(split)} e,
        lateral (values ('mttd', mttd_bucket), ('mtta', mtta_bucket), ('mttm', mttm_bucket), ('mttr', mttr_bucket)) m(metric, bucket)
       where m.bucket is not null
    ) b group by metric, bucket having sum(n) > 0 order by metric, bucket`;
  // One snapshot for the counts and the reads they point at: a change committed in between (a reopened
  // incident losing its MTTR, an edited impact start moving its MTTD) would otherwise shift the ranks
  // out from under the value reads.
  const { row, percentiles } = await db.transaction(
    async (tx) => {
      const [totalsResult, bucketResult] = await Promise.all([tx.execute(statsQuery), tx.execute(bucketQuery)]);
      const buckets = rowsOf<{ metric: MetricKey; bucket: number; n: number }>(bucketResult);
      const parts = { from, to, days: dayRange(split), edges: split.edges, minus: split.minus, values: VALUE };
      return { row: rowsOf<Record<string, unknown>>(totalsResult)[0], percentiles: await exactPercentiles(tx as unknown as Db, buckets, parts) };
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
  const split = splitWindow(from, to);
  return sql`(select bucket, severity, sum(n)::int as n from (
      select date_trunc(${unit}, day::timestamptz) as bucket, severity, incidents as n from incident_daily_stats where service = '' and ${dayRange(split)}
      union all
      select date_trunc(${unit}, created_at), severity, w from ${edgeRows(split)} e
    ) f group by bucket, severity)`;
}

/** The services in the most incidents and their incident minutes (open ones count to min(now, to)). */
export async function rollupTopServices(db: Db, from: Date, to: Date) {
  const split = splitWindow(from, to);
  const cap = sql`extract(epoch from least(now(), ${iso(to)}::timestamptz))`;
  const result = await db.execute(sql`select service, sum(n)::int as incidents,
        round((sum(span) + sum(unresolved) * ${cap} - sum(unresolved_created)) / 60)::int as minutes
      from (
        select service, incidents as n, resolved_span_sum as span, unresolved, unresolved_created_sum as unresolved_created
          from incident_daily_stats where service <> '' and ${dayRange(split)}
        union all
        select s.service_slug, i.w, i.w * coalesce(extract(epoch from (i.resolved_at - i.created_at)), 0), i.w * (i.resolved_at is null)::int,
               case when i.resolved_at is null then i.w * extract(epoch from i.created_at) else 0 end
          from ${edgeRows(split)} i join incident_services s on s.incident_id = i.id
      ) t
      group by service having sum(n) > 0
      order by 2 desc, 3 desc, service limit 10`);
  return rowsOf<{ service: string; incidents: number; minutes: number }>(result).map((r) => ({ service: r.service, incidents: Number(r.incidents), minutes: Number(r.minutes) }));
}

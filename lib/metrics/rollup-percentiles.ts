import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { METRIC_KEYS, SUB_BUCKETS, subBucketOf } from "@/db/metric-columns";

// Exact percentile_cont(0.5) and (0.9) of the metrics overview, from the rollups (rollup-metrics.ts).
// Percentiles are not decomposable, so each rank is found in three steps, each narrowing the values
// that the next one reads:
//   1. the window's bucket counts (already read with the other figures) say which duration bucket
//      holds the rank;
//   2. that bucket's sub-bucket counts over the window's days (incident_metric_sub_buckets, one row a
//      day) say which sub-bucket holds it;
//   3. one index-only read of that sub-bucket's values in the window (incidents_<metric>_sub_bucket_idx)
//      gives the value, ordered by PostgreSQL.
// A dense quarter of a year puts 10–25k values in one bucket; step 3 reads a thirty-second of them.

type MetricKey = (typeof METRIC_KEYS)[number];
export type BucketCount = { metric: MetricKey; bucket: number; n: number };
/**
 * The window as rollup-metrics.ts splits it: `days` filters the rollup rows of its whole days; the
 * incidents of `edges` count +1 and those of `minus` -1 (its partial days); `from`/`to` bound the
 * direct value reads; `values` are the metrics' seconds over incidents' columns.
 */
export type WindowParts = { from: Date; to: Date; days: SQL; edges: Range[]; minus: Range[]; values: Record<MetricKey, SQL> };
type Range = { from: Date; to: Date };
// The columns the metrics' seconds and buckets need, all in incidents_edge_idx (an index-only read).
const EDGE_COLUMNS = sql.raw("created_at, status, impact_start_source, impact_started_at, investigating_at, mitigated_at, resolved_at, mttd_bucket, mtta_bucket, mttm_bucket, mttr_bucket");

const FRACTIONS = [0.5, 0.9] as const;
const iso = (d: Date) => d.toISOString();

/** The part of `counts` (in value order) that holds the 0-based `rank`, and the rank's offset in it. */
function locate(counts: number[], rank: number, what: string): [number, number] {
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    if (rank < before + counts[i]) return [i, rank - before];
    before += counts[i];
  }
  // The counts and the reads share one snapshot (rollupWindowStats), so this means the rollups disagree with the incidents.
  throw new Error(`rank ${rank} beyond the ${before} values of ${what}`);
}

/** Sub-bucket counts over the window of each (metric, bucket) asked for, keyed `metric:bucket`. */
async function subBucketCounts(db: Db, pairs: { metric: MetricKey; bucket: number }[], parts: WindowParts) {
  const sums = sql.raw(`array[${Array.from({ length: SUB_BUCKETS }, (_, k) => `sum(subs[${k + 1}])`).join(", ")}]::int[]`);
  // The buckets asked for as a VALUES list joined on the primary key (metric, bucket, day): a range of
  // it per bucket, planned once (a branch per bucket cost ~0.1 ms of planning each).
  const list = sql.join(pairs.map(({ metric, bucket }) => sql`(${metric}::text, ${bucket}::smallint)`), sql`, `);
  const days = sql`select w.metric, w.bucket, ${sums} as subs, null::smallint as sub, null::int as n
      from (values ${list}) w(metric, bucket) join incident_metric_sub_buckets s on s.metric = w.metric and s.bucket = w.bucket
     where ${parts.days} group by w.metric, w.bucket`;
  // The partial days' incidents, only those in a bucket asked for (a few of a hundred; the index
  // filters them), read once and counted by sub-bucket per metric. Weighted +1 (edges) or -1 (minus).
  const wanted = METRIC_KEYS.filter((k) => pairs.some((p) => p.metric === k));
  const inWanted = (k: MetricKey) => sql`${sql.raw(`${k}_bucket`)} in (${sql.join(pairs.filter((p) => p.metric === k).map((p) => sql`${p.bucket}`), sql`, `)})`;
  const ranges = [...parts.edges.map((range) => ({ range, w: 1 })), ...parts.minus.map((range) => ({ range, w: -1 }))];
  const edgeRows = ranges.length
    ? sql.join(ranges.map(({ range, w }) => sql`select ${EDGE_COLUMNS}, ${sql.raw(String(w))} as w from incidents
        where created_at >= ${iso(range.from)}::timestamptz and created_at < ${iso(range.to)}::timestamptz and (${sql.join(wanted.map(inWanted), sql` or `)})`), sql` union all `)
    : sql`select ${EDGE_COLUMNS}, 0 as w from incidents where false`;
  const edges = wanted.map((k) => {
    const bucket = sql.raw(`${k}_bucket`);
    return sql`select ${k}, ${bucket}, null, ${subBucketOf(sql`(${parts.values[k]})::float8`, bucket)}, sum(w)::int from e where ${inWanted(k)} group by 2, 4`;
  });
  const rows = rowsOf<{ metric: MetricKey; bucket: number; subs: (number | string)[] | null; sub: number | null; n: number | null }>(
    await db.execute(sql`with e as materialized (${edgeRows}) ${sql.join([days, ...edges], sql` union all `)}`),
  );
  const counts = new Map<string, number[]>();
  const of = (r: (typeof rows)[number]) => {
    const key = `${r.metric}:${Number(r.bucket)}`;
    if (!counts.has(key)) counts.set(key, new Array(SUB_BUCKETS).fill(0));
    return counts.get(key)!;
  };
  for (const r of rows) {
    const subs = of(r);
    if (r.subs) r.subs.forEach((n, k) => (subs[k] += Number(n)));
    else subs[Number(r.sub)] += Number(r.n);
  }
  return counts;
}

/** percentile_cont(0.5) and (0.9) of each metric over the window, from its bucket counts. */
export async function exactPercentiles(db: Db, buckets: BucketCount[], parts: WindowParts) {
  // 1. The ranks percentile_cont interpolates between, and the bucket holding each.
  type Rank = { metric: MetricKey; bucket: number; offset: number };
  const plan = {} as Record<MetricKey, { pos: number; lo: Rank; hi: Rank }[] | null>;
  for (const metric of METRIC_KEYS) {
    const mine = buckets.filter((b) => b.metric === metric).map((b) => ({ bucket: Number(b.bucket), n: Number(b.n) })).sort((a, b) => a.bucket - b.bucket);
    const total = mine.reduce((s, b) => s + b.n, 0);
    if (total === 0) {
      plan[metric] = null;
      continue;
    }
    const rank = (r: number): Rank => {
      const [i, offset] = locate(mine.map((b) => b.n), r, metric);
      return { metric, bucket: mine[i].bucket, offset };
    };
    plan[metric] = FRACTIONS.map((p) => {
      const pos = p * (total - 1);
      return { pos, lo: rank(Math.floor(pos)), hi: rank(Math.ceil(pos)) };
    });
  }
  const ranks = Object.values(plan).flatMap((steps) => (steps ?? []).flatMap((s) => [s.lo, s.hi]));
  if (!ranks.length) return Object.fromEntries(METRIC_KEYS.map((m) => [m, [null, null]])) as Record<MetricKey, (number | null)[]>;

  // 2. The sub-bucket of each rank, from its bucket's sub-bucket counts.
  const pairs = [...new Map(ranks.map((r) => [`${r.metric}:${r.bucket}`, { metric: r.metric, bucket: r.bucket }])).values()];
  const subs = await subBucketCounts(db, pairs, parts);
  const place = (r: Rank) => {
    const [sub, offset] = locate(subs.get(`${r.metric}:${r.bucket}`) ?? [], r.offset, `${r.metric} bucket ${r.bucket}`);
    return { metric: r.metric, bucket: r.bucket, sub, offset, key: `${r.metric}:${r.bucket}:${sub}:${offset}` };
  };
  const wanted = new Map(ranks.map(place).map((p) => [p.key, p]));

  // 3. The values: one read per sub-bucket offset, returning that rank and the next (percentile_cont's
  // two neighbours usually share a sub-bucket).
  const values = new Map<string, number>();
  const reads = [...wanted.values()].filter((w) => !wanted.has(`${w.metric}:${w.bucket}:${w.sub}:${w.offset - 1}`));
  const selects = reads.map(({ metric, bucket, sub, offset }) => {
    const value = sql.raw(`${metric}_seconds`);
    const bucketColumn = sql.raw(`${metric}_bucket`);
    return sql`array(select ${value} from incidents where ${bucketColumn} = ${bucket} and ${subBucketOf(sql`${value}`, sql`${bucketColumn}`)} = ${sub}
      and ${value} is not null and created_at >= ${iso(parts.from)}::timestamptz and created_at < ${iso(parts.to)}::timestamptz
      order by ${value} offset ${offset} limit 2)`;
  });
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`select ${sql.join(selects.map((s, i) => sql`${s} as ${sql.raw(`v${i}`)}`), sql`, `)}`));
  reads.forEach(({ metric, bucket, sub, offset }, i) => {
    const pair = row[`v${i}`] as (number | string)[];
    pair.forEach((v, k) => values.set(`${metric}:${bucket}:${sub}:${offset + k}`, Number(v)));
  });

  return Object.fromEntries(
    METRIC_KEYS.map((metric) => {
      const steps = plan[metric];
      if (!steps) return [metric, [null, null]];
      // PostgreSQL's float8 lerp: first + (second - first) * (pos - floor(pos)).
      return [metric, steps.map(({ pos, lo, hi }) => {
        const a = values.get(place(lo).key)!;
        const b = values.get(place(hi).key)!;
        return Number.isInteger(pos) ? a : a + (b - a) * (pos - Math.floor(pos));
      })];
    }),
  ) as Record<MetricKey, (number | null)[]>;
}

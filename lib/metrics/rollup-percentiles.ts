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
/** The window (whole UTC days): `days` filters its rollup rows, `from`/`to` bound the value reads. */
export type WindowParts = { from: Date; to: Date; days: SQL };

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
  const sums = sql.raw(
    `array[${Array.from({ length: SUB_BUCKETS }, (_, k) => `sum(subs[${k + 1}])`).join(", ")}]::int[]`,
  );
  // The buckets asked for as a VALUES list joined on the primary key (metric, bucket, day): a range of
  // it per bucket, planned once (a branch per bucket cost ~0.1 ms of planning each).
  const list = sql.join(
    pairs.map(({ metric, bucket }) => sql`(${metric}::text, ${bucket}::smallint)`),
    sql`, `,
  );
  const rows = rowsOf<{ metric: MetricKey; bucket: number; subs: (number | string)[] }>(
    await db.execute(sql`select w.metric, w.bucket, ${sums} as subs
      from (values ${list}) w(metric, bucket) join incident_metric_sub_buckets s on s.metric = w.metric and s.bucket = w.bucket
     where ${parts.days} group by w.metric, w.bucket`),
  );
  return new Map(rows.map((r) => [`${r.metric}:${Number(r.bucket)}`, r.subs.map(Number)]));
}

/** percentile_cont(0.5) and (0.9) of each metric over the window, from its bucket counts. */
export async function exactPercentiles(db: Db, buckets: BucketCount[], parts: WindowParts) {
  // 1. The ranks percentile_cont interpolates between, and the bucket holding each.
  type Rank = { metric: MetricKey; bucket: number; offset: number };
  const plan = {} as Record<MetricKey, { pos: number; lo: Rank; hi: Rank }[] | null>;
  for (const metric of METRIC_KEYS) {
    const mine = buckets
      .filter((b) => b.metric === metric)
      .map((b) => ({ bucket: Number(b.bucket), n: Number(b.n) }))
      .sort((a, b) => a.bucket - b.bucket);
    const total = mine.reduce((s, b) => s + b.n, 0);
    if (total === 0) {
      plan[metric] = null;
      continue;
    }
    const rank = (r: number): Rank => {
      const [i, offset] = locate(
        mine.map((b) => b.n),
        r,
        metric,
      );
      return { metric, bucket: mine[i].bucket, offset };
    };
    plan[metric] = FRACTIONS.map((p) => {
      const pos = p * (total - 1);
      return { pos, lo: rank(Math.floor(pos)), hi: rank(Math.ceil(pos)) };
    });
  }
  const ranks = Object.values(plan).flatMap((steps) => (steps ?? []).flatMap((s) => [s.lo, s.hi]));
  if (!ranks.length)
    return Object.fromEntries(METRIC_KEYS.map((m) => [m, [null, null]])) as Record<
      MetricKey,
      (number | null)[]
    >;

  // 2. The sub-bucket of each rank, from its bucket's sub-bucket counts.
  const pairs = [
    ...new Map(
      ranks.map((r) => [`${r.metric}:${r.bucket}`, { metric: r.metric, bucket: r.bucket }]),
    ).values(),
  ];
  const subs = await subBucketCounts(db, pairs, parts);
  const place = (r: Rank) => {
    const [sub, offset] = locate(
      subs.get(`${r.metric}:${r.bucket}`) ?? [],
      r.offset,
      `${r.metric} bucket ${r.bucket}`,
    );
    return {
      metric: r.metric,
      bucket: r.bucket,
      sub,
      offset,
      key: `${r.metric}:${r.bucket}:${sub}:${offset}`,
    };
  };
  const wanted = new Map(ranks.map(place).map((p) => [p.key, p]));

  // 3. The values: one read per sub-bucket offset, returning that rank and the next (percentile_cont's
  // two neighbours usually share a sub-bucket).
  const values = new Map<string, number>();
  const reads = [...wanted.values()].filter(
    (w) => !wanted.has(`${w.metric}:${w.bucket}:${w.sub}:${w.offset - 1}`),
  );
  const selects = reads.map(({ metric, bucket, sub, offset }) => {
    const value = sql.raw(`${metric}_seconds`);
    const bucketColumn = sql.raw(`${metric}_bucket`);
    return sql`array(select ${value} from incidents where ${bucketColumn} = ${bucket} and ${subBucketOf(sql`${value}`, sql`${bucketColumn}`)} = ${sub}
      and ${value} is not null and created_at >= ${iso(parts.from)}::timestamptz and created_at < ${iso(parts.to)}::timestamptz
      order by ${value} offset ${offset} limit 2)`;
  });
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select ${sql.join(
        selects.map((s, i) => sql`${s} as ${sql.raw(`v${i}`)}`),
        sql`, `,
      )}`,
    ),
  );
  reads.forEach(({ metric, bucket, sub, offset }, i) => {
    const pair = row[`v${i}`] as (number | string)[];
    pair.forEach((v, k) => values.set(`${metric}:${bucket}:${sub}:${offset + k}`, Number(v)));
  });

  return Object.fromEntries(
    METRIC_KEYS.map((metric) => {
      const steps = plan[metric];
      if (!steps) return [metric, [null, null]];
      // PostgreSQL's float8 lerp: first + (second - first) * (pos - floor(pos)).
      return [
        metric,
        steps.map(({ pos, lo, hi }) => {
          const a = values.get(place(lo).key)!;
          const b = values.get(place(hi).key)!;
          return Number.isInteger(pos) ? a : a + (b - a) * (pos - Math.floor(pos));
        }),
      ];
    }),
  ) as Record<MetricKey, (number | null)[]>;
}

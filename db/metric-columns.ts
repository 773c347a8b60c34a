import { isNotNull, type SQL, sql } from "drizzle-orm";
import { doublePrecision, index, type PgColumn, smallint } from "drizzle-orm/pg-core";

/**
 * Upper bounds of the duration buckets (seconds): 0, then quarter octaves from 1 s to ~115 years.
 * Only the order matters (a bucket is a partition of the values, never an approximation of them).
 */
export const BUCKET_BOUNDS = [
  0,
  ...Array.from({ length: 128 }, (_, k) => Number(Math.pow(2, k / 4).toPrecision(6))),
];
const bounds = sql.raw(`'{${BUCKET_BOUNDS.join(",")}}'::float8[]`);

// The same definitions as METRICS in lib/metrics/get-incident-metrics.ts (the rollup test proves they agree).
const VALUES = {
  mttd: sql`case when impact_start_source <> 'declared_default' then extract(epoch from (created_at - impact_started_at))::float8 end`,
  // A paged incident is acknowledged when someone answers its page; one nobody paged, when someone
  // started investigating (decision 0109).
  mtta: sql`case when paged_at is not null then extract(epoch from (acknowledged_at - created_at)) else extract(epoch from (investigating_at - created_at)) end::float8`,
  mtti: sql`extract(epoch from (investigating_at - created_at))::float8`,
  mttm: sql`extract(epoch from (mitigated_at - created_at))::float8`,
  mttr: sql`case when status = 'resolved' then extract(epoch from (resolved_at - created_at))::float8 end`,
};
export const METRIC_KEYS = ["mttd", "mtta", "mtti", "mttm", "mttr"] as const;

/**
 * Each bucket is split again into this many sub-buckets of equal width (SQL function
 * incident_metric_sub_bucket, migration 0026: 0 … SUB_BUCKETS - 1; 0 for the open-ended buckets). A
 * percentile then reads one sub-bucket's values instead of a whole bucket's (a dense quarter of a year
 * puts 10–25k values in one bucket). Like the buckets, sub-buckets only partition the values in order.
 */
export const SUB_BUCKETS = 32;
/** The sub-bucket of a value in its bucket, as the index and the rollups compute it. */
export const subBucketOf = (value: SQL, bucket: SQL) => sql`incident_metric_sub_bucket(${value}, ${bucket})`;

// width_bucket over a sorted array is a binary search: 0 below 0 s, n for [bounds[n], bounds[n+1]).
const bucketOf = (value: ReturnType<typeof sql>) => sql`width_bucket(${value}, ${bounds})::smallint`;

export function metricColumns() {
  return {
    mttdSeconds: doublePrecision("mttd_seconds").generatedAlwaysAs(VALUES.mttd),
    mttdBucket: smallint("mttd_bucket").generatedAlwaysAs(bucketOf(VALUES.mttd)),
    mttaSeconds: doublePrecision("mtta_seconds").generatedAlwaysAs(VALUES.mtta),
    mttaBucket: smallint("mtta_bucket").generatedAlwaysAs(bucketOf(VALUES.mtta)),
    mttiSeconds: doublePrecision("mtti_seconds").generatedAlwaysAs(VALUES.mtti),
    mttiBucket: smallint("mtti_bucket").generatedAlwaysAs(bucketOf(VALUES.mtti)),
    mttmSeconds: doublePrecision("mttm_seconds").generatedAlwaysAs(VALUES.mttm),
    mttmBucket: smallint("mttm_bucket").generatedAlwaysAs(bucketOf(VALUES.mttm)),
    mttrSeconds: doublePrecision("mttr_seconds").generatedAlwaysAs(VALUES.mttr),
    mttrBucket: smallint("mttr_bucket").generatedAlwaysAs(bucketOf(VALUES.mttr)),
  };
}

type MetricTable = Record<`${(typeof METRIC_KEYS)[number]}${"Seconds" | "Bucket"}` | "createdAt", PgColumn>;

/** One sub-bucket's values inside a window, read from the index alone (bucket, sub-bucket, created_at → seconds). */
export function metricIndexes(t: MetricTable) {
  return METRIC_KEYS.map((key) =>
    index(`incidents_${key}_sub_bucket_idx`)
      .on(
        t[`${key}Bucket`],
        subBucketOf(sql`${t[`${key}Seconds`]}`, sql`${t[`${key}Bucket`]}`),
        t.createdAt,
        t[`${key}Seconds`],
      )
      .where(isNotNull(t[`${key}Seconds`])),
  );
}

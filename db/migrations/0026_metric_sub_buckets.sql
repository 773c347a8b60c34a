-- The sub-bucket (0 … 31) of a value within its duration bucket: 32 equal widths between the bucket's
-- bounds (quarter octaves, db/metric-columns.ts BUCKET_BOUNDS: [0, 1) then [2^((b-2)/4), 2^((b-1)/4)));
-- 0 in the open-ended buckets (below 0 s, above the last bound). The bounds are computed, not read from
-- the 129 rounded bounds of 0020: that array, inlined into every query, cost ~1.4 ms of planning per
-- read. They need not match the rounded ones: clamped to 0 … 31 the result is still monotone in the
-- value within a bucket, so sub-buckets partition a bucket's values in order, which is all the exact
-- percentiles need. Plain SQL so the planner inlines it; IMMUTABLE since it keys the value indexes below.
CREATE OR REPLACE FUNCTION incident_metric_sub_bucket(v float8, bucket smallint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN bucket = 1 THEN greatest(0, least(31, floor(32 * v)))::smallint
    WHEN bucket BETWEEN 2 AND 128 THEN greatest(0, least(31, floor(32 * (v - power(2::float8, (bucket - 2) / 4::float8))
      / (power(2::float8, (bucket - 1) / 4::float8) - power(2::float8, (bucket - 2) / 4::float8)))))::smallint
    ELSE 0::smallint END
$$;
--> statement-breakpoint
-- 32 sub-bucket counts holding n at the value's sub-bucket (subs[sub + 1]) and 0 elsewhere.
CREATE OR REPLACE FUNCTION incident_metric_sub_counts(v float8, bucket smallint, n integer) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_fill(0, ARRAY[incident_metric_sub_bucket(v, bucket)::int]) || n || array_fill(0, ARRAY[31 - incident_metric_sub_bucket(v, bucket)])
$$;
--> statement-breakpoint
CREATE TABLE "incident_metric_sub_buckets" (
	"metric" text NOT NULL,
	"bucket" smallint NOT NULL,
	"day" date NOT NULL,
	"subs" integer[] NOT NULL,
	CONSTRAINT "incident_metric_sub_buckets_metric_bucket_day_pk" PRIMARY KEY("metric","bucket","day")
);
--> statement-breakpoint
DROP INDEX "incidents_mttd_bucket_idx";--> statement-breakpoint
DROP INDEX "incidents_mtta_bucket_idx";--> statement-breakpoint
DROP INDEX "incidents_mttm_bucket_idx";--> statement-breakpoint
DROP INDEX "incidents_mttr_bucket_idx";--> statement-breakpoint
CREATE INDEX "incidents_mttd_sub_bucket_idx" ON "incidents" USING btree ("mttd_bucket",incident_metric_sub_bucket("mttd_seconds", "mttd_bucket"),"created_at","mttd_seconds") WHERE "incidents"."mttd_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mtta_sub_bucket_idx" ON "incidents" USING btree ("mtta_bucket",incident_metric_sub_bucket("mtta_seconds", "mtta_bucket"),"created_at","mtta_seconds") WHERE "incidents"."mtta_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mttm_sub_bucket_idx" ON "incidents" USING btree ("mttm_bucket",incident_metric_sub_bucket("mttm_seconds", "mttm_bucket"),"created_at","mttm_seconds") WHERE "incidents"."mttm_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mttr_sub_bucket_idx" ON "incidents" USING btree ("mttr_bucket",incident_metric_sub_bucket("mttr_seconds", "mttr_bucket"),"created_at","mttr_seconds") WHERE "incidents"."mttr_seconds" is not null;
--> statement-breakpoint
-- As in 0020, and each value counted in its sub-bucket too (incident_metric_sub_buckets).
-- One incident's contribution (sign +1 or -1) to its day's rollup rows: the '' row of its severity (every
-- incident once, with the duration buckets) or one service's row (severity and environment ''). The
-- expressions are those of lib/metrics.
CREATE OR REPLACE FUNCTION incident_rollup_apply(r incidents, svc text, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d date := (r.created_at AT TIME ZONE 'UTC')::date;
  mttd numeric := CASE WHEN r.impact_start_source <> 'declared_default' THEN extract(epoch FROM (r.created_at - r.impact_started_at)) END;
  mtta numeric := extract(epoch FROM (r.investigating_at - r.created_at));
  mttm numeric := extract(epoch FROM (r.mitigated_at - r.created_at));
  mttr numeric := CASE WHEN r.status = 'resolved' THEN extract(epoch FROM (r.resolved_at - r.created_at)) END;
BEGIN
  INSERT INTO incident_daily_stats AS s (day, service, severity, environment, incidents, open, with_impact_start, with_measured_impact_start,
      mttd_count, mttd_values, mttd_sum, mtta_count, mtta_values, mtta_sum, mttm_count, mttm_values, mttm_sum, mttr_count, mttr_values, mttr_sum,
      resolved_span_sum, unresolved, unresolved_created_sum)
  VALUES (d, svc, CASE WHEN svc = '' THEN r.severity ELSE '' END, '', sign,
      sign * (r.status <> 'resolved')::int, sign * (r.impact_start_source <> 'declared_default')::int, sign * (r.impact_start_source = 'alert')::int,
      sign * (r.impact_start_source <> 'declared_default')::int, sign * (mttd IS NOT NULL)::int, sign * coalesce(mttd, 0),
      sign * (r.investigating_at IS NOT NULL)::int, sign * (mtta IS NOT NULL)::int, sign * coalesce(mtta, 0),
      sign * (r.mitigated_at IS NOT NULL)::int, sign * (mttm IS NOT NULL)::int, sign * coalesce(mttm, 0),
      sign * (r.status = 'resolved')::int, sign * (mttr IS NOT NULL)::int, sign * coalesce(mttr, 0),
      sign * coalesce(extract(epoch FROM (r.resolved_at - r.created_at)), 0), sign * (r.resolved_at IS NULL)::int,
      sign * CASE WHEN r.resolved_at IS NULL THEN extract(epoch FROM r.created_at) ELSE 0 END)
  ON CONFLICT (day, service, severity, environment) DO UPDATE SET
      incidents = s.incidents + excluded.incidents, open = s.open + excluded.open,
      with_impact_start = s.with_impact_start + excluded.with_impact_start,
      with_measured_impact_start = s.with_measured_impact_start + excluded.with_measured_impact_start,
      mttd_count = s.mttd_count + excluded.mttd_count, mttd_values = s.mttd_values + excluded.mttd_values, mttd_sum = s.mttd_sum + excluded.mttd_sum,
      mtta_count = s.mtta_count + excluded.mtta_count, mtta_values = s.mtta_values + excluded.mtta_values, mtta_sum = s.mtta_sum + excluded.mtta_sum,
      mttm_count = s.mttm_count + excluded.mttm_count, mttm_values = s.mttm_values + excluded.mttm_values, mttm_sum = s.mttm_sum + excluded.mttm_sum,
      mttr_count = s.mttr_count + excluded.mttr_count, mttr_values = s.mttr_values + excluded.mttr_values, mttr_sum = s.mttr_sum + excluded.mttr_sum,
      resolved_span_sum = s.resolved_span_sum + excluded.resolved_span_sum, unresolved = s.unresolved + excluded.unresolved,
      unresolved_created_sum = s.unresolved_created_sum + excluded.unresolved_created_sum;
  IF svc = '' THEN
    -- Both bucket tables in one statement (one plan, one execution per incident write).
    WITH m AS (SELECT * FROM (VALUES ('mttd', r.mttd_bucket, r.mttd_seconds), ('mtta', r.mtta_bucket, r.mtta_seconds),
                                     ('mttm', r.mttm_bucket, r.mttm_seconds), ('mttr', r.mttr_bucket, r.mttr_seconds)) m(metric, bucket, v)
                WHERE m.v IS NOT NULL),
    counted AS (INSERT INTO incident_metric_buckets AS b (day, metric, bucket, n)
                SELECT d, m.metric, m.bucket, sign FROM m
                ON CONFLICT (day, metric, bucket) DO UPDATE SET n = b.n + excluded.n)
    INSERT INTO incident_metric_sub_buckets AS s (metric, bucket, day, subs)
    SELECT m.metric, m.bucket, d, incident_metric_sub_counts(m.v, m.bucket, sign) FROM m
    -- excluded.subs is one-hot: its only non-zero element (sign, +1 or -1) sits at the value's sub-bucket.
    ON CONFLICT (metric, bucket, day) DO UPDATE SET subs[array_position(excluded.subs, sign)] = s.subs[array_position(excluded.subs, sign)] + sign;
  END IF;
END $$;
--> statement-breakpoint
-- Recomputes the rollups (as in 0020, and the sub-bucket counts) from the incidents (the backfill below; bulk loads that bypass the triggers).
CREATE OR REPLACE FUNCTION incident_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM incident_daily_stats;
  DELETE FROM incident_metric_buckets;
  DELETE FROM incident_metric_sub_buckets;
  INSERT INTO incident_daily_stats (day, service, severity, environment, incidents, open, with_impact_start, with_measured_impact_start,
      mttd_count, mttd_values, mttd_sum, mtta_count, mtta_values, mtta_sum, mttm_count, mttm_values, mttm_sum, mttr_count, mttr_values, mttr_sum,
      resolved_span_sum, unresolved, unresolved_created_sum)
  SELECT (i.created_at AT TIME ZONE 'UTC')::date, s.service, CASE WHEN s.service = '' THEN i.severity ELSE '' END, '', count(*),
      count(*) FILTER (WHERE i.status <> 'resolved'), count(*) FILTER (WHERE i.impact_start_source <> 'declared_default'),
      count(*) FILTER (WHERE i.impact_start_source = 'alert'),
      count(*) FILTER (WHERE i.impact_start_source <> 'declared_default'), count(i.mttd_seconds),
      coalesce(sum(extract(epoch FROM (i.created_at - i.impact_started_at))) FILTER (WHERE i.impact_start_source <> 'declared_default'), 0),
      count(i.investigating_at), count(i.mtta_seconds), coalesce(sum(extract(epoch FROM (i.investigating_at - i.created_at))), 0),
      count(i.mitigated_at), count(i.mttm_seconds), coalesce(sum(extract(epoch FROM (i.mitigated_at - i.created_at))), 0),
      count(*) FILTER (WHERE i.status = 'resolved'), count(i.mttr_seconds),
      coalesce(sum(extract(epoch FROM (i.resolved_at - i.created_at))) FILTER (WHERE i.status = 'resolved'), 0),
      coalesce(sum(extract(epoch FROM (i.resolved_at - i.created_at))), 0), count(*) FILTER (WHERE i.resolved_at IS NULL),
      coalesce(sum(extract(epoch FROM i.created_at)) FILTER (WHERE i.resolved_at IS NULL), 0)
    FROM incidents i
    CROSS JOIN LATERAL (SELECT '' UNION ALL SELECT service_slug FROM incident_services WHERE incident_id = i.id) s(service)
   GROUP BY 1, 2, 3, 4;
  INSERT INTO incident_metric_buckets (day, metric, bucket, n)
  SELECT (i.created_at AT TIME ZONE 'UTC')::date, m.metric, m.bucket, count(*)
    FROM incidents i
    CROSS JOIN LATERAL (VALUES ('mttd', i.mttd_bucket, i.mttd_seconds), ('mtta', i.mtta_bucket, i.mtta_seconds),
                               ('mttm', i.mttm_bucket, i.mttm_seconds), ('mttr', i.mttr_bucket, i.mttr_seconds)) m(metric, bucket, v)
   WHERE m.v IS NOT NULL
   GROUP BY 1, 2, 3;
  -- Counted per sub-bucket first: 32 filtered aggregates over every value took 40 s at 1M incidents.
  INSERT INTO incident_metric_sub_buckets (metric, bucket, day, subs)
  SELECT metric, bucket, day, array_replace(ARRAY[sum(n) FILTER (WHERE sub = 0), sum(n) FILTER (WHERE sub = 1), sum(n) FILTER (WHERE sub = 2), sum(n) FILTER (WHERE sub = 3), sum(n) FILTER (WHERE sub = 4), sum(n) FILTER (WHERE sub = 5), sum(n) FILTER (WHERE sub = 6), sum(n) FILTER (WHERE sub = 7), sum(n) FILTER (WHERE sub = 8), sum(n) FILTER (WHERE sub = 9), sum(n) FILTER (WHERE sub = 10), sum(n) FILTER (WHERE sub = 11), sum(n) FILTER (WHERE sub = 12), sum(n) FILTER (WHERE sub = 13), sum(n) FILTER (WHERE sub = 14), sum(n) FILTER (WHERE sub = 15), sum(n) FILTER (WHERE sub = 16), sum(n) FILTER (WHERE sub = 17), sum(n) FILTER (WHERE sub = 18), sum(n) FILTER (WHERE sub = 19), sum(n) FILTER (WHERE sub = 20), sum(n) FILTER (WHERE sub = 21), sum(n) FILTER (WHERE sub = 22), sum(n) FILTER (WHERE sub = 23), sum(n) FILTER (WHERE sub = 24), sum(n) FILTER (WHERE sub = 25), sum(n) FILTER (WHERE sub = 26), sum(n) FILTER (WHERE sub = 27), sum(n) FILTER (WHERE sub = 28), sum(n) FILTER (WHERE sub = 29), sum(n) FILTER (WHERE sub = 30), sum(n) FILTER (WHERE sub = 31)], NULL, 0)::int[]
    FROM (SELECT (i.created_at AT TIME ZONE 'UTC')::date AS day, m.metric, m.bucket, incident_metric_sub_bucket(m.v, m.bucket) AS sub, count(*) AS n
            FROM incidents i
            CROSS JOIN LATERAL (VALUES ('mttd', i.mttd_bucket, i.mttd_seconds), ('mtta', i.mtta_bucket, i.mtta_seconds),
                                       ('mttm', i.mttm_bucket, i.mttm_seconds), ('mttr', i.mttr_bucket, i.mttr_seconds)) m(metric, bucket, v)
           WHERE m.v IS NOT NULL
           GROUP BY 1, 2, 3, 4) s
   GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'incidents' THEN
    DELETE FROM incident_daily_stats;
    DELETE FROM incident_metric_buckets;
    DELETE FROM incident_metric_sub_buckets;
  ELSE
    DELETE FROM incident_daily_stats WHERE service <> '';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Fills the sub-bucket counts (and recomputes the rest, unchanged).
SELECT incident_rollups_rebuild();

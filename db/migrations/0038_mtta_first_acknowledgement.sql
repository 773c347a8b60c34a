-- MTTA from the first acknowledgement (decision 0109): an incident paging reached is acknowledged when
-- someone first answers its page (incidents.acknowledged_at), one nobody paged when someone started
-- investigating, as before. Declared → investigating stays as its own metric, MTTI (time to investigate).
ALTER TABLE "incidents" ADD COLUMN "paged_at" timestamp with time zone, ADD COLUMN "acknowledged_at" timestamp with time zone;
--> statement-breakpoint
-- The milestones of the pages opened so far: the first page, the first acknowledgement (from the page
-- log, since a re-triggered page gives its acknowledged_at back). The rollup trigger does not watch these
-- columns yet, so this touches no rollup; they are recomputed at the end.
UPDATE incidents i SET paged_at = m.paged_at, acknowledged_at = m.acknowledged_at
  FROM (SELECT p.incident_id, min(p.created_at) AS paged_at,
               least(min(p.acknowledged_at), (SELECT min(l.at) FROM page_log l JOIN pages q ON q.id = l.page_id
                                               WHERE q.incident_id = p.incident_id AND l.kind = 'page_acknowledged')) AS acknowledged_at
          FROM pages p WHERE p.incident_id IS NOT NULL GROUP BY p.incident_id) m
 WHERE m.incident_id = i.id;
--> statement-breakpoint
-- A stored generated column's expression cannot be altered in PostgreSQL 16 (PGlite): MTTA's columns are
-- dropped (their index with them) and added again, with MTTI's, in one statement so the table is
-- rewritten once.
ALTER TABLE "incidents" DROP COLUMN "mtta_seconds", DROP COLUMN "mtta_bucket",
  ADD COLUMN "mtta_seconds" double precision GENERATED ALWAYS AS (case when paged_at is not null then extract(epoch from (acknowledged_at - created_at)) else extract(epoch from (investigating_at - created_at)) end::float8) STORED,
  ADD COLUMN "mtta_bucket" smallint GENERATED ALWAYS AS (width_bucket(case when paged_at is not null then extract(epoch from (acknowledged_at - created_at)) else extract(epoch from (investigating_at - created_at)) end::float8, '{0,1,1.18921,1.41421,1.68179,2,2.37841,2.82843,3.36359,4,4.75683,5.65685,6.72717,8,9.51366,11.3137,13.4543,16,19.0273,22.6274,26.9087,32,38.0546,45.2548,53.8174,64,76.1093,90.5097,107.635,128,152.219,181.019,215.269,256,304.437,362.039,430.539,512,608.874,724.077,861.078,1024,1217.75,1448.15,1722.16,2048,2435.5,2896.31,3444.31,4096,4870.99,5792.62,6888.62,8192,9741.98,11585.2,13777.2,16384,19484,23170.5,27554.5,32768,38967.9,46341,55109,65536,77935.9,92681.9,110218,131072,155872,185364,220436,262144,311744,370728,440872,524288,623487,741455,881744,1048580,1246970,1482910,1763490,2097150,2493950,2965820,3526980,4194300,4987900,5931640,7053950,8388610,9975790,11863300,14107900,16777200,19951600,23726600,28215800,33554400,39903200,47453100,56431600,67108900,79806300,94906300,112863000,134218000,159613000,189813000,225726000,268435000,319225000,379625000,451453000,536871000,638451000,759250000,902906000,1073740000,1276900000,1518500000,1805810000,2147480000,2553800000,3037000000,3611620000}'::float8[])::smallint) STORED,
  ADD COLUMN "mtti_seconds" double precision GENERATED ALWAYS AS (extract(epoch from (investigating_at - created_at))::float8) STORED,
  ADD COLUMN "mtti_bucket" smallint GENERATED ALWAYS AS (width_bucket(extract(epoch from (investigating_at - created_at))::float8, '{0,1,1.18921,1.41421,1.68179,2,2.37841,2.82843,3.36359,4,4.75683,5.65685,6.72717,8,9.51366,11.3137,13.4543,16,19.0273,22.6274,26.9087,32,38.0546,45.2548,53.8174,64,76.1093,90.5097,107.635,128,152.219,181.019,215.269,256,304.437,362.039,430.539,512,608.874,724.077,861.078,1024,1217.75,1448.15,1722.16,2048,2435.5,2896.31,3444.31,4096,4870.99,5792.62,6888.62,8192,9741.98,11585.2,13777.2,16384,19484,23170.5,27554.5,32768,38967.9,46341,55109,65536,77935.9,92681.9,110218,131072,155872,185364,220436,262144,311744,370728,440872,524288,623487,741455,881744,1048580,1246970,1482910,1763490,2097150,2493950,2965820,3526980,4194300,4987900,5931640,7053950,8388610,9975790,11863300,14107900,16777200,19951600,23726600,28215800,33554400,39903200,47453100,56431600,67108900,79806300,94906300,112863000,134218000,159613000,189813000,225726000,268435000,319225000,379625000,451453000,536871000,638451000,759250000,902906000,1073740000,1276900000,1518500000,1805810000,2147480000,2553800000,3037000000,3611620000}'::float8[])::smallint) STORED;
--> statement-breakpoint
CREATE INDEX "incidents_mtta_sub_bucket_idx" ON "incidents" USING btree ("mtta_bucket",incident_metric_sub_bucket("mtta_seconds", "mtta_bucket"),"created_at","mtta_seconds") WHERE "incidents"."mtta_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mtti_sub_bucket_idx" ON "incidents" USING btree ("mtti_bucket",incident_metric_sub_bucket("mtti_seconds", "mtti_bucket"),"created_at","mtti_seconds") WHERE "incidents"."mtti_seconds" is not null;--> statement-breakpoint
ALTER TABLE "incident_daily_stats" ADD COLUMN "mtti_count" integer DEFAULT 0 NOT NULL, ADD COLUMN "mtti_values" integer DEFAULT 0 NOT NULL,
  ADD COLUMN "mtti_sum" numeric DEFAULT '0' NOT NULL;
--> statement-breakpoint
-- As in 0026, with MTTA's new value and MTTI. The expressions are those of lib/metrics.
CREATE OR REPLACE FUNCTION incident_rollup_apply(r incidents, svc text, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d date := (r.created_at AT TIME ZONE 'UTC')::date;
  mttd numeric := CASE WHEN r.impact_start_source <> 'declared_default' THEN extract(epoch FROM (r.created_at - r.impact_started_at)) END;
  mtta numeric := CASE WHEN r.paged_at IS NOT NULL THEN extract(epoch FROM (r.acknowledged_at - r.created_at)) ELSE extract(epoch FROM (r.investigating_at - r.created_at)) END;
  mtti numeric := extract(epoch FROM (r.investigating_at - r.created_at));
  mttm numeric := extract(epoch FROM (r.mitigated_at - r.created_at));
  mttr numeric := CASE WHEN r.status = 'resolved' THEN extract(epoch FROM (r.resolved_at - r.created_at)) END;
BEGIN
  INSERT INTO incident_daily_stats AS s (day, service, severity, environment, incidents, open, with_impact_start, with_measured_impact_start,
      mttd_count, mttd_values, mttd_sum, mtta_count, mtta_values, mtta_sum, mtti_count, mtti_values, mtti_sum,
      mttm_count, mttm_values, mttm_sum, mttr_count, mttr_values, mttr_sum, resolved_span_sum, unresolved, unresolved_created_sum)
  VALUES (d, svc, CASE WHEN svc = '' THEN r.severity ELSE '' END, '', sign,
      sign * (r.status <> 'resolved')::int, sign * (r.impact_start_source <> 'declared_default')::int, sign * (r.impact_start_source = 'alert')::int,
      sign * (r.impact_start_source <> 'declared_default')::int, sign * (mttd IS NOT NULL)::int, sign * coalesce(mttd, 0),
      -- A paged incident counts for MTTA once acknowledged, one nobody paged once investigated.
      sign * (mtta IS NOT NULL)::int, sign * (mtta IS NOT NULL)::int, sign * coalesce(mtta, 0),
      sign * (r.investigating_at IS NOT NULL)::int, sign * (mtti IS NOT NULL)::int, sign * coalesce(mtti, 0),
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
      mtti_count = s.mtti_count + excluded.mtti_count, mtti_values = s.mtti_values + excluded.mtti_values, mtti_sum = s.mtti_sum + excluded.mtti_sum,
      mttm_count = s.mttm_count + excluded.mttm_count, mttm_values = s.mttm_values + excluded.mttm_values, mttm_sum = s.mttm_sum + excluded.mttm_sum,
      mttr_count = s.mttr_count + excluded.mttr_count, mttr_values = s.mttr_values + excluded.mttr_values, mttr_sum = s.mttr_sum + excluded.mttr_sum,
      resolved_span_sum = s.resolved_span_sum + excluded.resolved_span_sum, unresolved = s.unresolved + excluded.unresolved,
      unresolved_created_sum = s.unresolved_created_sum + excluded.unresolved_created_sum;
  IF svc = '' THEN
    -- Both bucket tables in one statement (one plan, one execution per incident write).
    WITH m AS (SELECT * FROM (VALUES ('mttd', r.mttd_bucket, r.mttd_seconds), ('mtta', r.mtta_bucket, r.mtta_seconds), ('mtti', r.mtti_bucket, r.mtti_seconds),
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
-- As in 0020, and the paging milestones count too.
CREATE OR REPLACE FUNCTION incidents_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE svc text;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.created_at, OLD.severity, OLD.environment, OLD.status, OLD.impact_start_source, OLD.impact_started_at,
                           OLD.investigating_at, OLD.mitigated_at, OLD.resolved_at, OLD.paged_at, OLD.acknowledged_at)
      IS NOT DISTINCT FROM (NEW.created_at, NEW.severity, NEW.environment, NEW.status, NEW.impact_start_source, NEW.impact_started_at,
                           NEW.investigating_at, NEW.mitigated_at, NEW.resolved_at, NEW.paged_at, NEW.acknowledged_at) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM incident_rollup_apply(OLD, '', -1);
    FOR svc IN SELECT service_slug FROM incident_services WHERE incident_id = OLD.id LOOP
      PERFORM incident_rollup_apply(OLD, svc, -1);
    END LOOP;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM incident_rollup_apply(NEW, '', 1);
  END IF;
  -- A new incident's services are counted by incident_services' own trigger only: inserted in the same
  -- statement (declare writes both in one CTE), they are already visible here, and would count twice.
  IF TG_OP = 'UPDATE' THEN
    FOR svc IN SELECT service_slug FROM incident_services WHERE incident_id = NEW.id LOOP
      PERFORM incident_rollup_apply(NEW, svc, 1);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- As in 0026, with MTTA's new value and MTTI.
CREATE OR REPLACE FUNCTION incident_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM incident_daily_stats;
  DELETE FROM incident_metric_buckets;
  DELETE FROM incident_metric_sub_buckets;
  INSERT INTO incident_daily_stats (day, service, severity, environment, incidents, open, with_impact_start, with_measured_impact_start,
      mttd_count, mttd_values, mttd_sum, mtta_count, mtta_values, mtta_sum, mtti_count, mtti_values, mtti_sum,
      mttm_count, mttm_values, mttm_sum, mttr_count, mttr_values, mttr_sum, resolved_span_sum, unresolved, unresolved_created_sum)
  SELECT (i.created_at AT TIME ZONE 'UTC')::date, s.service, CASE WHEN s.service = '' THEN i.severity ELSE '' END, '', count(*),
      count(*) FILTER (WHERE i.status <> 'resolved'), count(*) FILTER (WHERE i.impact_start_source <> 'declared_default'),
      count(*) FILTER (WHERE i.impact_start_source = 'alert'),
      count(*) FILTER (WHERE i.impact_start_source <> 'declared_default'), count(i.mttd_seconds),
      coalesce(sum(extract(epoch FROM (i.created_at - i.impact_started_at))) FILTER (WHERE i.impact_start_source <> 'declared_default'), 0),
      count(CASE WHEN i.paged_at IS NOT NULL THEN extract(epoch FROM (i.acknowledged_at - i.created_at)) ELSE extract(epoch FROM (i.investigating_at - i.created_at)) END), count(i.mtta_seconds), coalesce(sum(CASE WHEN i.paged_at IS NOT NULL THEN extract(epoch FROM (i.acknowledged_at - i.created_at)) ELSE extract(epoch FROM (i.investigating_at - i.created_at)) END), 0),
      count(i.investigating_at), count(i.mtti_seconds), coalesce(sum(extract(epoch FROM (i.investigating_at - i.created_at))), 0),
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
    CROSS JOIN LATERAL (VALUES ('mttd', i.mttd_bucket, i.mttd_seconds), ('mtta', i.mtta_bucket, i.mtta_seconds), ('mtti', i.mtti_bucket, i.mtti_seconds),
                               ('mttm', i.mttm_bucket, i.mttm_seconds), ('mttr', i.mttr_bucket, i.mttr_seconds)) m(metric, bucket, v)
   WHERE m.v IS NOT NULL
   GROUP BY 1, 2, 3;
  -- Counted per sub-bucket first: 32 filtered aggregates over every value took 40 s at 1M incidents.
  INSERT INTO incident_metric_sub_buckets (metric, bucket, day, subs)
  SELECT metric, bucket, day, array_replace(ARRAY[sum(n) FILTER (WHERE sub = 0), sum(n) FILTER (WHERE sub = 1), sum(n) FILTER (WHERE sub = 2), sum(n) FILTER (WHERE sub = 3), sum(n) FILTER (WHERE sub = 4), sum(n) FILTER (WHERE sub = 5), sum(n) FILTER (WHERE sub = 6), sum(n) FILTER (WHERE sub = 7), sum(n) FILTER (WHERE sub = 8), sum(n) FILTER (WHERE sub = 9), sum(n) FILTER (WHERE sub = 10), sum(n) FILTER (WHERE sub = 11), sum(n) FILTER (WHERE sub = 12), sum(n) FILTER (WHERE sub = 13), sum(n) FILTER (WHERE sub = 14), sum(n) FILTER (WHERE sub = 15), sum(n) FILTER (WHERE sub = 16), sum(n) FILTER (WHERE sub = 17), sum(n) FILTER (WHERE sub = 18), sum(n) FILTER (WHERE sub = 19), sum(n) FILTER (WHERE sub = 20), sum(n) FILTER (WHERE sub = 21), sum(n) FILTER (WHERE sub = 22), sum(n) FILTER (WHERE sub = 23), sum(n) FILTER (WHERE sub = 24), sum(n) FILTER (WHERE sub = 25), sum(n) FILTER (WHERE sub = 26), sum(n) FILTER (WHERE sub = 27), sum(n) FILTER (WHERE sub = 28), sum(n) FILTER (WHERE sub = 29), sum(n) FILTER (WHERE sub = 30), sum(n) FILTER (WHERE sub = 31)], NULL, 0)::int[]
    FROM (SELECT (i.created_at AT TIME ZONE 'UTC')::date AS day, m.metric, m.bucket, incident_metric_sub_bucket(m.v, m.bucket) AS sub, count(*) AS n
            FROM incidents i
            CROSS JOIN LATERAL (VALUES ('mttd', i.mttd_bucket, i.mttd_seconds), ('mtta', i.mtta_bucket, i.mtta_seconds), ('mtti', i.mtti_bucket, i.mtti_seconds),
                               ('mttm', i.mttm_bucket, i.mttm_seconds), ('mttr', i.mttr_bucket, i.mttr_seconds)) m(metric, bucket, v)
           WHERE m.v IS NOT NULL
           GROUP BY 1, 2, 3, 4) s
   GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
-- MTTA's values moved and MTTI's are new: every rollup is recomputed.
SELECT incident_rollups_rebuild();

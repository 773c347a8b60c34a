CREATE TABLE "incident_daily_stats" (
	"day" date NOT NULL,
	"service" text NOT NULL,
	"severity" text NOT NULL,
	"environment" text NOT NULL,
	"incidents" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"with_impact_start" integer DEFAULT 0 NOT NULL,
	"with_measured_impact_start" integer DEFAULT 0 NOT NULL,
	"mttd_count" integer DEFAULT 0 NOT NULL,
	"mttd_values" integer DEFAULT 0 NOT NULL,
	"mttd_sum" numeric DEFAULT '0' NOT NULL,
	"mtta_count" integer DEFAULT 0 NOT NULL,
	"mtta_values" integer DEFAULT 0 NOT NULL,
	"mtta_sum" numeric DEFAULT '0' NOT NULL,
	"mttm_count" integer DEFAULT 0 NOT NULL,
	"mttm_values" integer DEFAULT 0 NOT NULL,
	"mttm_sum" numeric DEFAULT '0' NOT NULL,
	"mttr_count" integer DEFAULT 0 NOT NULL,
	"mttr_values" integer DEFAULT 0 NOT NULL,
	"mttr_sum" numeric DEFAULT '0' NOT NULL,
	"resolved_span_sum" numeric DEFAULT '0' NOT NULL,
	"unresolved" integer DEFAULT 0 NOT NULL,
	"unresolved_created_sum" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "incident_daily_stats_day_service_severity_environment_pk" PRIMARY KEY("day","service","severity","environment")
);
--> statement-breakpoint
CREATE TABLE "incident_metric_buckets" (
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "incident_metric_buckets_day_metric_bucket_pk" PRIMARY KEY("day","metric","bucket")
);
--> statement-breakpoint
-- One statement, so the table is rewritten once (not once per stored column).
ALTER TABLE "incidents" ADD COLUMN "mttd_seconds" double precision GENERATED ALWAYS AS (case when impact_start_source <> 'declared_default' then extract(epoch from (created_at - impact_started_at))::float8 end) STORED,
  ADD COLUMN "mttd_bucket" smallint GENERATED ALWAYS AS (width_bucket(case when impact_start_source <> 'declared_default' then extract(epoch from (created_at - impact_started_at))::float8 end, '{0,1,1.18921,1.41421,1.68179,2,2.37841,2.82843,3.36359,4,4.75683,5.65685,6.72717,8,9.51366,11.3137,13.4543,16,19.0273,22.6274,26.9087,32,38.0546,45.2548,53.8174,64,76.1093,90.5097,107.635,128,152.219,181.019,215.269,256,304.437,362.039,430.539,512,608.874,724.077,861.078,1024,1217.75,1448.15,1722.16,2048,2435.5,2896.31,3444.31,4096,4870.99,5792.62,6888.62,8192,9741.98,11585.2,13777.2,16384,19484,23170.5,27554.5,32768,38967.9,46341,55109,65536,77935.9,92681.9,110218,131072,155872,185364,220436,262144,311744,370728,440872,524288,623487,741455,881744,1048580,1246970,1482910,1763490,2097150,2493950,2965820,3526980,4194300,4987900,5931640,7053950,8388610,9975790,11863300,14107900,16777200,19951600,23726600,28215800,33554400,39903200,47453100,56431600,67108900,79806300,94906300,112863000,134218000,159613000,189813000,225726000,268435000,319225000,379625000,451453000,536871000,638451000,759250000,902906000,1073740000,1276900000,1518500000,1805810000,2147480000,2553800000,3037000000,3611620000}'::float8[])::smallint) STORED,
  ADD COLUMN "mtta_seconds" double precision GENERATED ALWAYS AS (extract(epoch from (investigating_at - created_at))::float8) STORED,
  ADD COLUMN "mtta_bucket" smallint GENERATED ALWAYS AS (width_bucket(extract(epoch from (investigating_at - created_at))::float8, '{0,1,1.18921,1.41421,1.68179,2,2.37841,2.82843,3.36359,4,4.75683,5.65685,6.72717,8,9.51366,11.3137,13.4543,16,19.0273,22.6274,26.9087,32,38.0546,45.2548,53.8174,64,76.1093,90.5097,107.635,128,152.219,181.019,215.269,256,304.437,362.039,430.539,512,608.874,724.077,861.078,1024,1217.75,1448.15,1722.16,2048,2435.5,2896.31,3444.31,4096,4870.99,5792.62,6888.62,8192,9741.98,11585.2,13777.2,16384,19484,23170.5,27554.5,32768,38967.9,46341,55109,65536,77935.9,92681.9,110218,131072,155872,185364,220436,262144,311744,370728,440872,524288,623487,741455,881744,1048580,1246970,1482910,1763490,2097150,2493950,2965820,3526980,4194300,4987900,5931640,7053950,8388610,9975790,11863300,14107900,16777200,19951600,23726600,28215800,33554400,39903200,47453100,56431600,67108900,79806300,94906300,112863000,134218000,159613000,189813000,225726000,268435000,319225000,379625000,451453000,536871000,638451000,759250000,902906000,1073740000,1276900000,1518500000,1805810000,2147480000,2553800000,3037000000,3611620000}'::float8[])::smallint) STORED,
  ADD COLUMN "mttm_seconds" double precision GENERATED ALWAYS AS (extract(epoch from (mitigated_at - created_at))::float8) STORED,
  ADD COLUMN "mttm_bucket" smallint GENERATED ALWAYS AS (width_bucket(extract(epoch from (mitigated_at - created_at))::float8, '{0,1,1.18921,1.41421,1.68179,2,2.37841,2.82843,3.36359,4,4.75683,5.65685,6.72717,8,9.51366,11.3137,13.4543,16,19.0273,22.6274,26.9087,32,38.0546,45.2548,53.8174,64,76.1093,90.5097,107.635,128,152.219,181.019,215.269,256,304.437,362.039,430.539,512,608.874,724.077,861.078,1024,1217.75,1448.15,1722.16,2048,2435.5,2896.31,3444.31,4096,4870.99,5792.62,6888.62,8192,9741.98,11585.2,13777.2,16384,19484,23170.5,27554.5,32768,38967.9,46341,55109,65536,77935.9,92681.9,110218,131072,155872,185364,220436,262144,311744,370728,440872,524288,623487,741455,881744,1048580,1246970,1482910,1763490,2097150,2493950,2965820,3526980,4194300,4987900,5931640,7053950,8388610,9975790,11863300,14107900,16777200,19951600,23726600,28215800,33554400,39903200,47453100,56431600,67108900,79806300,94906300,112863000,134218000,159613000,189813000,225726000,268435000,319225000,379625000,451453000,536871000,638451000,759250000,902906000,1073740000,1276900000,1518500000,1805810000,2147480000,2553800000,3037000000,3611620000}'::float8[])::smallint) STORED,
  ADD COLUMN "mttr_seconds" double precision GENERATED ALWAYS AS (case when status = 'resolved' then extract(epoch from (resolved_at - created_at))::float8 end) STORED,
  ADD COLUMN "mttr_bucket" smallint GENERATED ALWAYS AS (width_bucket(case when status = 'resolved' then extract(epoch from (resolved_at - created_at))::float8 end, '{0,1,1.18921,1.41421,1.68179,2,2.37841,2.82843,3.36359,4,4.75683,5.65685,6.72717,8,9.51366,11.3137,13.4543,16,19.0273,22.6274,26.9087,32,38.0546,45.2548,53.8174,64,76.1093,90.5097,107.635,128,152.219,181.019,215.269,256,304.437,362.039,430.539,512,608.874,724.077,861.078,1024,1217.75,1448.15,1722.16,2048,2435.5,2896.31,3444.31,4096,4870.99,5792.62,6888.62,8192,9741.98,11585.2,13777.2,16384,19484,23170.5,27554.5,32768,38967.9,46341,55109,65536,77935.9,92681.9,110218,131072,155872,185364,220436,262144,311744,370728,440872,524288,623487,741455,881744,1048580,1246970,1482910,1763490,2097150,2493950,2965820,3526980,4194300,4987900,5931640,7053950,8388610,9975790,11863300,14107900,16777200,19951600,23726600,28215800,33554400,39903200,47453100,56431600,67108900,79806300,94906300,112863000,134218000,159613000,189813000,225726000,268435000,319225000,379625000,451453000,536871000,638451000,759250000,902906000,1073740000,1276900000,1518500000,1805810000,2147480000,2553800000,3037000000,3611620000}'::float8[])::smallint) STORED;--> statement-breakpoint
CREATE INDEX "incidents_mttd_bucket_idx" ON "incidents" USING btree ("mttd_bucket","created_at","mttd_seconds") WHERE "incidents"."mttd_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mtta_bucket_idx" ON "incidents" USING btree ("mtta_bucket","created_at","mtta_seconds") WHERE "incidents"."mtta_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mttm_bucket_idx" ON "incidents" USING btree ("mttm_bucket","created_at","mttm_seconds") WHERE "incidents"."mttm_seconds" is not null;--> statement-breakpoint
CREATE INDEX "incidents_mttr_bucket_idx" ON "incidents" USING btree ("mttr_bucket","created_at","mttr_seconds") WHERE "incidents"."mttr_seconds" is not null;--> statement-breakpoint
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
    INSERT INTO incident_metric_buckets AS b (day, metric, bucket, n)
    SELECT d, m.metric, m.bucket, sign
      FROM (VALUES ('mttd', r.mttd_bucket, r.mttd_seconds), ('mtta', r.mtta_bucket, r.mtta_seconds),
                   ('mttm', r.mttm_bucket, r.mttm_seconds), ('mttr', r.mttr_bucket, r.mttr_seconds)) m(metric, bucket, v)
     WHERE m.v IS NOT NULL
    ON CONFLICT (day, metric, bucket) DO UPDATE SET n = b.n + excluded.n;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incidents_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE svc text;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.created_at, OLD.severity, OLD.environment, OLD.status, OLD.impact_start_source, OLD.impact_started_at,
                           OLD.investigating_at, OLD.mitigated_at, OLD.resolved_at)
      IS NOT DISTINCT FROM (NEW.created_at, NEW.severity, NEW.environment, NEW.status, NEW.impact_start_source, NEW.impact_started_at,
                           NEW.investigating_at, NEW.mitigated_at, NEW.resolved_at) THEN
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
CREATE OR REPLACE FUNCTION incident_services_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r incidents;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT * INTO r FROM incidents WHERE id = OLD.incident_id;
    IF FOUND THEN PERFORM incident_rollup_apply(r, OLD.service_slug, -1); END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT * INTO r FROM incidents WHERE id = NEW.incident_id;
    IF FOUND THEN PERFORM incident_rollup_apply(r, NEW.service_slug, 1); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Recomputes both rollups from the incidents (the backfill below; bulk loads that bypass the triggers).
CREATE OR REPLACE FUNCTION incident_rollups_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM incident_daily_stats;
  DELETE FROM incident_metric_buckets;
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
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'incidents' THEN
    DELETE FROM incident_daily_stats;
    DELETE FROM incident_metric_buckets;
  ELSE
    DELETE FROM incident_daily_stats WHERE service <> '';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incidents_rollup AFTER INSERT OR UPDATE OR DELETE ON incidents FOR EACH ROW EXECUTE FUNCTION incidents_rollup();
--> statement-breakpoint
CREATE TRIGGER incident_services_rollup AFTER INSERT OR UPDATE OR DELETE ON incident_services FOR EACH ROW EXECUTE FUNCTION incident_services_rollup();
--> statement-breakpoint
CREATE TRIGGER incidents_rollup_truncate AFTER TRUNCATE ON incidents FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_truncate();
--> statement-breakpoint
CREATE TRIGGER incident_services_rollup_truncate AFTER TRUNCATE ON incident_services FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_truncate();
--> statement-breakpoint
SELECT incident_rollups_rebuild();

import { and, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { incidents, incidentServices } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { SEVERITIES, type Severity } from "@/lib/incidents/severity";
import { parseInput } from "@/lib/validation";
import { rollupFrequencyCounts, rollupTopServices, rollupWindowStats } from "./rollup-metrics";
import { type MetricsQuery, MetricsQuery as MetricsQueryInput, metricsWindow } from "./schemas";

export type Stat = { count: number; mean: number | null; p50: number | null; p90: number | null };
export type TimeMetric = Stat & {
  previous: Stat;
  change: { mean: number | null; p50: number | null; p90: number | null };
};

const seconds = (from: SQL, to: SQL) => sql`extract(epoch from (${to} - ${from}))`;

// Each time metric: which incidents count and how long they took, in seconds.
const METRICS = {
  // Only a reported impact start says anything about detection; the declaration time standing in for
  // an unknown one would count as "detected at once" and flatter the figure.
  mttd: {
    label: "impact start → declared",
    value: seconds(sql`${incidents.impactStartedAt}`, sql`${incidents.createdAt}`),
    where: sql`${incidents.impactStartSource} <> 'declared_default'`,
  },
  // A page is what asks someone to answer: an incident paging reached is acknowledged when someone
  // first acknowledges its page, one nobody paged when someone starts investigating (decision 0109).
  mtta: {
    label: "declared → first acknowledgement (not paged: → investigating)",
    value: sql`case when ${incidents.pagedAt} is not null then ${seconds(sql`${incidents.createdAt}`, sql`${incidents.acknowledgedAt}`)} else ${seconds(sql`${incidents.createdAt}`, sql`${incidents.investigatingAt}`)} end`,
    where: sql`case when ${incidents.pagedAt} is not null then ${incidents.acknowledgedAt} is not null else ${incidents.investigatingAt} is not null end`,
  },
  mtti: {
    label: "declared → investigating",
    value: seconds(sql`${incidents.createdAt}`, sql`${incidents.investigatingAt}`),
    where: sql`${incidents.investigatingAt} is not null`,
  },
  mttm: {
    label: "declared → mitigated",
    value: seconds(sql`${incidents.createdAt}`, sql`${incidents.mitigatedAt}`),
    where: sql`${incidents.mitigatedAt} is not null`,
  },
  mttr: {
    label: "declared → resolved",
    value: seconds(sql`${incidents.createdAt}`, sql`${incidents.resolvedAt}`),
    where: sql`${incidents.status} = 'resolved'`,
  },
} as const;
export type MetricKey = keyof typeof METRICS;
export const METRIC_LABELS = Object.fromEntries(
  Object.entries(METRICS).map(([k, v]) => [k, v.label]),
) as Record<MetricKey, string>;

function filters(query: MetricsQuery, from: Date, to: Date): SQL[] {
  const where: SQL[] = [gte(incidents.createdAt, from), lt(incidents.createdAt, to)];
  if (query.severity?.length) where.push(inArray(incidents.severity, query.severity));
  if (query.environment) where.push(eq(incidents.environment, query.environment));
  if (query.service) {
    where.push(
      sql`exists (select 1 from ${incidentServices} where ${incidentServices.incidentId} = ${incidents.id} and ${incidentServices.serviceSlug} = ${query.service})`,
    );
  }
  return where;
}

/** One pass over the window: count, and mean / p50 / p90 of every time metric, all in PostgreSQL. */
async function windowStats(db: Db, where: SQL[]) {
  const columns: Record<string, SQL> = {
    incidents: sql<number>`count(*)::int`,
    open: sql<number>`(count(*) filter (where ${incidents.status} <> 'resolved'))::int`,
    withImpactStart: sql<number>`(count(*) filter (where ${incidents.impactStartSource} <> 'declared_default'))::int`,
    withMeasuredImpactStart: sql<number>`(count(*) filter (where ${incidents.impactStartSource} = 'alert'))::int`,
  };
  for (const [key, metric] of Object.entries(METRICS)) {
    columns[`${key}_count`] = sql`(count(*) filter (where ${metric.where}))::int`;
    columns[`${key}_mean`] = sql`(avg(${metric.value}) filter (where ${metric.where}))::float8`;
    columns[`${key}_p50`] =
      sql`(percentile_cont(0.5) within group (order by ${metric.value}) filter (where ${metric.where}))::float8`;
    columns[`${key}_p90`] =
      sql`(percentile_cont(0.9) within group (order by ${metric.value}) filter (where ${metric.where}))::float8`;
  }
  const [row] = await db
    .select(columns as Record<string, SQL<unknown>>)
    .from(incidents)
    .where(and(...where));
  // Seconds to the millisecond: percentile interpolation leaves float noise (1020.0000000000001).
  const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);
  const stat = (key: string): Stat => ({
    count: Number(row[`${key}_count`]),
    mean: num(row[`${key}_mean`]),
    p50: num(row[`${key}_p50`]),
    p90: num(row[`${key}_p90`]),
  });
  return {
    incidents: Number(row.incidents),
    open: Number(row.open),
    withImpactStart: Number(row.withImpactStart),
    withMeasuredImpactStart: Number(row.withMeasuredImpactStart),
    stats: Object.fromEntries(Object.keys(METRICS).map((k) => [k, stat(k)])) as Record<MetricKey, Stat>,
  };
}

const change = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : (now - before) / before;

/**
 * `source`: where the figures come from. By default the unfiltered overview reads the rollups
 * (rollup-metrics.ts; a 90-day window of a busy year is ~250k incidents) and a filtered view
 * aggregates the incidents directly; tests force either to prove they agree.
 */
export async function getIncidentMetrics(
  db: Db,
  actor: Actor,
  rawQuery: unknown,
  options: { now?: Date; source?: "rollup" | "direct" } = {},
) {
  authorize(actor, "incidents.read");
  const query = parseInput(MetricsQueryInput, rawQuery);
  const window = metricsWindow(query, options.now ?? new Date());
  const where = filters(query, window.from, window.to);
  const filtered = Boolean(query.severity?.length || query.environment || query.service);
  const rollup = (options.source ?? (filtered ? "direct" : "rollup")) === "rollup";
  if (rollup && filtered) throw new Error("The rollups answer only the unfiltered overview.");

  const [current, previous, frequency, topServices] = await Promise.all([
    rollup ? rollupWindowStats(db, window.from, window.to) : windowStats(db, where),
    rollup
      ? rollupWindowStats(db, window.previousFrom, window.previousTo)
      : windowStats(db, filters(query, window.previousFrom, window.previousTo)),
    incidentFrequency(db, where, query.interval, window.from, window.to, rollup),
    rollup ? rollupTopServices(db, window.from, window.to) : topAffectedServices(db, where, window.to),
  ]);

  const times = Object.fromEntries(
    (Object.keys(METRICS) as MetricKey[]).map((key) => {
      const now = current.stats[key];
      const before = previous.stats[key];
      return [
        key,
        {
          ...now,
          previous: before,
          change: {
            mean: change(now.mean, before.mean),
            p50: change(now.p50, before.p50),
            p90: change(now.p90, before.p90),
          },
        },
      ];
    }),
  ) as Record<MetricKey, TimeMetric>;

  return {
    window: { from: window.from, to: window.to },
    previousWindow: { from: window.previousFrom, to: window.previousTo },
    filters: {
      service: query.service ?? null,
      environment: query.environment ?? null,
      severity: query.severity ?? [],
      interval: query.interval,
    },
    incidents: {
      count: current.incidents,
      previous: previous.incidents,
      open: current.open,
      withImpactStart: current.withImpactStart,
      withMeasuredImpactStart: current.withMeasuredImpactStart,
    },
    times,
    frequency,
    topServices,
  };
}
export type IncidentMetrics = Awaited<ReturnType<typeof getIncidentMetrics>>;

/** Incidents per week or month by severity, with empty buckets filled in (generate_series). */
async function incidentFrequency(
  db: Db,
  where: SQL[],
  interval: "week" | "month",
  from: Date,
  to: Date,
  rollup: boolean,
) {
  const unit = sql.raw(`'${interval}'`);
  const step = sql.raw(`'1 ${interval}'::interval`);
  const counts = rollup
    ? sql`${rollupFrequencyCounts(from, to, unit)} as counts`
    : sql`(${db
        .select({
          bucket: sql`date_trunc(${unit}, ${incidents.createdAt})`.as("bucket"),
          severity: incidents.severity,
          n: sql<number>`count(*)::int`.as("n"),
        })
        .from(incidents)
        .where(and(...where))
        .groupBy(sql`1`, incidents.severity)}) as counts`;
  const rows = rowsOf<{ start: string; severity: string | null; n: number | null }>(
    await db.execute(sql`select to_char(b.start, 'YYYY-MM-DD') as start, counts.severity, counts.n
      from generate_series(date_trunc(${unit}, ${from.toISOString()}::timestamptz), ${to.toISOString()}::timestamptz - interval '1 microsecond', ${step}) as b(start)
      left join ${counts} on counts.bucket = b.start order by b.start`),
  );
  type Bucket = { start: string; total: number; counts: Record<string, number> };
  const buckets = new Map<string, Bucket>();
  for (const row of rows) {
    const bucket = buckets.get(row.start) ?? {
      start: row.start,
      total: 0,
      counts: Object.fromEntries(SEVERITIES.map((s) => [s, 0])),
    };
    if (row.severity) {
      bucket.counts[row.severity] = Number(row.n);
      bucket.total += Number(row.n);
    }
    buckets.set(row.start, bucket);
  }
  return {
    interval,
    buckets: [...buckets.values()].map(
      (b) =>
        ({ start: b.start, total: b.total, ...b.counts }) as { start: string; total: number } & Record<
          Severity,
          number
        >,
    ),
  };
}

/** The services in the most incidents, with the incident minutes they accumulated (open ones count to the window's end). */
async function topAffectedServices(db: Db, where: SQL[], to: Date) {
  const rows = await db
    .select({
      service: incidentServices.serviceSlug,
      incidents: sql<number>`count(*)::int`,
      minutes: sql<number>`round(sum(extract(epoch from (coalesce(${incidents.resolvedAt}, least(now(), ${to.toISOString()}::timestamptz)) - ${incidents.createdAt}))) / 60)::int`,
    })
    .from(incidentServices)
    .innerJoin(incidents, eq(incidents.id, incidentServices.incidentId))
    .where(and(...where))
    .groupBy(incidentServices.serviceSlug)
    .orderBy(sql`2 desc`, sql`3 desc`, incidentServices.serviceSlug)
    .limit(10);
  return rows.map((r) => ({
    service: r.service,
    incidents: Number(r.incidents),
    minutes: Number(r.minutes),
  }));
}

import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serviceMetrics } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import type { IncidentView } from "@/lib/incidents/views";

export const MAX_POINTS = 500;
const MINUTE = 60_000;

export type HealthPoint = { t: number; errorRate: number; latencyP95Ms: number };

/**
 * The chart window: a little before the impact started until a little after resolution (or now),
 * padded by a tenth of the span, at least 15 minutes each side.
 */
export function healthWindow(
  incident: Pick<IncidentView, "impactStartedAt" | "createdAt" | "resolvedAt">,
  now: Date,
) {
  const start = Math.min(incident.impactStartedAt.getTime(), incident.createdAt.getTime());
  const end = (incident.resolvedAt ?? now).getTime();
  const pad = Math.max(15 * MINUTE, (end - start) / 10);
  return { from: new Date(start - pad), to: new Date(Math.min(end + pad, now.getTime())) };
}

/** Bucket size in whole minutes so that the window has at most MAX_POINTS buckets. */
export const bucketMinutes = (from: Date, to: Date) =>
  Math.max(1, Math.ceil((to.getTime() - from.getTime()) / MINUTE / MAX_POINTS));

/**
 * Error rate and p95 latency of each affected service around the incident, downsampled in
 * PostgreSQL (date_bin): the mean error rate and the worst p95 of each bucket, so spikes survive.
 */
export async function getIncidentHealth(
  db: Db,
  actor: Actor,
  incident: IncidentView,
  options: { now?: Date } = {},
) {
  authorize(actor, "incidents.read");
  const window = healthWindow(incident, options.now ?? new Date());
  const minutes = bucketMinutes(window.from, window.to);
  const bucket = sql`date_bin(${`${minutes} minutes`}::interval, ${serviceMetrics.ts}, ${window.from.toISOString()}::timestamptz)`;
  const rows = await db
    .select({
      service: serviceMetrics.service,
      // Epoch milliseconds: drivers disagree on how they return raw timestamps.
      bucket: sql<number>`(extract(epoch from ${bucket}) * 1000)::float8`,
      errorRate: sql<number>`avg(${serviceMetrics.errorRate})::float8`,
      latencyP95Ms: sql<number>`max(${serviceMetrics.latencyP95Ms})::float8`,
    })
    .from(serviceMetrics)
    .where(
      and(
        inArray(serviceMetrics.service, incident.services),
        eq(serviceMetrics.environment, incident.environment),
        gte(serviceMetrics.ts, window.from),
        lt(serviceMetrics.ts, window.to),
      ),
    )
    .groupBy(serviceMetrics.service, sql`2`)
    .orderBy(serviceMetrics.service, sql`2`);

  const series = new Map<string, HealthPoint[]>(incident.services.map((s) => [s, []]));
  for (const row of rows) {
    series.get(row.service)?.push({
      t: Number(row.bucket),
      errorRate: Number(row.errorRate),
      latencyP95Ms: Number(row.latencyP95Ms),
    });
  }
  const markers = [
    { label: "declared", t: incident.createdAt.getTime() },
    ...(incident.investigatingAt ? [{ label: "investigating", t: incident.investigatingAt.getTime() }] : []),
    ...(incident.mitigatedAt ? [{ label: "mitigated", t: incident.mitigatedAt.getTime() }] : []),
    ...(incident.resolvedAt ? [{ label: "resolved", t: incident.resolvedAt.getTime() }] : []),
  ];
  return {
    from: window.from.getTime(),
    to: window.to.getTime(),
    bucketMinutes: minutes,
    impact: { from: incident.impactStartedAt.getTime(), to: (incident.resolvedAt ?? window.to).getTime() },
    markers,
    services: [...series.entries()].map(([service, points]) => ({ service, points })),
  };
}
export type IncidentHealth = Awaited<ReturnType<typeof getIncidentHealth>>;

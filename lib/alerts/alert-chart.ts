import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serviceMetrics } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { bucketMinutes } from "@/lib/telemetry/get-incident-health";
import type { RuleMetric } from "./schemas";
import type { AlertView } from "./views";

const MINUTE = 60_000;
const COLUMN = {
  error_rate: serviceMetrics.errorRate,
  latency_p95: serviceMetrics.latencyP95Ms,
  throughput: serviceMetrics.requestRate,
} as const;

export type AlertChart = {
  metric: RuleMetric;
  threshold: number | null;
  from: number;
  to: number;
  startsAt: number;
  endsAt: number | null;
  bucketMinutes: number;
  points: { t: number; value: number }[];
};

/**
 * The alert's service metric around the event: 30 minutes before it started until 15 minutes after
 * it ended (or now). A rule's alert charts its own metric; any other alert the error rate. Buckets
 * keep the worst value so the breach stays visible.
 */
export async function getAlertChart(
  db: Db,
  actor: Actor,
  alert: AlertView,
  now: Date = new Date(),
): Promise<AlertChart | null> {
  authorize(actor, "alerts.read");
  if (!alert.service) return null;
  const metric = (alert.labels.metric in COLUMN ? alert.labels.metric : "error_rate") as RuleMetric;
  const from = new Date(alert.startsAt.getTime() - 30 * MINUTE);
  const to = new Date(Math.min((alert.endsAt ?? now).getTime() + 15 * MINUTE, now.getTime()));
  const minutes = bucketMinutes(from, to);
  const column = COLUMN[metric];
  const worst =
    metric === "throughput" ? sql<number>`min(${column})::float8` : sql<number>`max(${column})::float8`;
  const bucket = sql`date_bin(${`${minutes} minutes`}::interval, ${serviceMetrics.ts}, ${from.toISOString()}::timestamptz)`;
  const rows = await db
    .select({ t: sql<number>`(extract(epoch from ${bucket}) * 1000)::float8`, value: worst })
    .from(serviceMetrics)
    .where(
      and(
        eq(serviceMetrics.service, alert.service),
        eq(serviceMetrics.environment, alert.environment),
        gte(serviceMetrics.ts, from),
        lt(serviceMetrics.ts, to),
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return {
    metric,
    threshold: alert.threshold,
    from: from.getTime(),
    to: to.getTime(),
    startsAt: alert.startsAt.getTime(),
    endsAt: alert.endsAt?.getTime() ?? null,
    bucketMinutes: minutes,
    points: rows.map((r) => ({ t: Number(r.t), value: Number(r.value) })),
  };
}

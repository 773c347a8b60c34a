import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { serviceMetrics } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertEnvironment, ensureServices } from "@/lib/catalog/references";
import { DomainError, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { IngestMetricsInput } from "./schemas";

const MINUTE = 60_000;
export const retentionDays = () => Number(process.env.METRICS_RETENTION_DAYS ?? 120);

/**
 * Stores a batch of 1-minute health points, all or nothing. A point is keyed by service, environment
 * and minute: sending the same batch again changes nothing, a corrected value replaces the old one.
 */
export async function ingestMetrics(db: Db, actor: Actor, rawInput: unknown, options: { now?: Date } = {}) {
  authorize(actor, "metrics.send");
  if (actor.type !== "token") {
    throw new DomainError(
      "forbidden",
      "Metrics are sent by integrations with an API token (Authorization: Bearer …), not from a browser session.",
    );
  }
  const { points } = parseInput(
    IngestMetricsInput,
    Array.isArray(rawInput) ? { points: rawInput } : rawInput,
  );
  const now = options.now ?? new Date();
  const oldest = now.getTime() - retentionDays() * 24 * 60 * MINUTE;

  const rows = new Map<string, typeof serviceMetrics.$inferInsert>();
  const errors: { path: string; message: string }[] = [];
  points.forEach((point, index) => {
    const minute = Math.floor(Date.parse(point.timestamp) / MINUTE) * MINUTE;
    if (minute > now.getTime() + 5 * MINUTE)
      errors.push({ path: `points.${index}.timestamp`, message: "In the future." });
    if (minute < oldest)
      errors.push({
        path: `points.${index}.timestamp`,
        message: `Older than the ${retentionDays()}-day retention.`,
      });
    const key = `${point.service}|${point.environment}|${minute}`;
    if (rows.has(key))
      errors.push({
        path: `points.${index}`,
        message: "Another point in this batch has the same service, environment and minute.",
      });
    rows.set(key, {
      service: point.service,
      environment: point.environment,
      ts: new Date(minute),
      errorRate: point.errorRate,
      latencyP95Ms: point.latencyP95Ms,
      requestRate: point.requestRate,
    });
  });
  if (errors.length) throw validationError(errors, "Some points are invalid; none were stored.");

  const values = [...rows.values()];
  return runTransaction(db, async (tx) => {
    for (const environment of new Set(values.map((v) => v.environment)))
      await assertEnvironment(tx, environment, "points.environment");
    await ensureServices(tx, [...new Set(values.map((v) => v.service))]);
    let written = 0;
    for (let i = 0; i < values.length; i += 1000) {
      const result = await tx
        .insert(serviceMetrics)
        .values(values.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [serviceMetrics.service, serviceMetrics.environment, serviceMetrics.ts],
          set: {
            errorRate: sql`excluded.error_rate`,
            latencyP95Ms: sql`excluded.latency_p95_ms`,
            requestRate: sql`excluded.request_rate`,
          },
          // Identical points are left alone, so a replayed batch writes nothing.
          setWhere: sql`(${serviceMetrics.errorRate}, ${serviceMetrics.latencyP95Ms}, ${serviceMetrics.requestRate}) is distinct from (excluded.error_rate, excluded.latency_p95_ms, excluded.request_rate)`,
        })
        .returning({ ts: serviceMetrics.ts });
      written += result.length;
    }
    await tx.delete(serviceMetrics).where(lt(serviceMetrics.ts, new Date(oldest)));
    return { accepted: values.length, written, unchanged: values.length - written };
  });
}

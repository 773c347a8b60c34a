import { and, asc, desc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertRules } from "@/db/alerts-schema";
import { serviceMetrics } from "@/db/core-schema";
import type { Actor } from "@/lib/actor";
import { ingestAlertInTransaction } from "./ingest-alert";
import { type RuleState, stepRule } from "./rule-state";
import type { Comparator, NormalizedAlert, RuleMetric } from "./schemas";
import { runTransaction } from "@/lib/db/run-transaction";
import { describeError, logError } from "@/lib/log-error";

type RuleRow = typeof alertRules.$inferSelect;

/** Points older than this are no data: a service that stopped reporting is not "recovered". */
export const FRESHNESS_MS = 5 * 60_000;

const COLUMN = {
  error_rate: serviceMetrics.errorRate,
  latency_p95: serviceMetrics.latencyP95Ms,
  throughput: serviceMetrics.requestRate,
} as const;
export const METRIC_LABEL: Record<RuleMetric, string> = {
  error_rate: "error rate",
  latency_p95: "p95 latency (ms)",
  throughput: "throughput (req/s)",
};

export const ruleActor = (rule: Pick<RuleRow, "name">): Actor => ({
  type: "system",
  name: `rule:${rule.name}`,
  role: "responder",
});
export const ruleDedupKey = (ruleId: string) => `rule:${ruleId}`;

/** The latest 1-minute point of the rule's service and environment, if it is fresh. */
async function latestValue(tx: Db, rule: RuleRow, now: Date): Promise<number | null> {
  const column = COLUMN[rule.metric as RuleMetric];
  const [point] = await tx
    .select({ value: column })
    .from(serviceMetrics)
    .where(
      and(
        eq(serviceMetrics.service, rule.service),
        eq(serviceMetrics.environment, rule.environment),
        gt(serviceMetrics.ts, new Date(now.getTime() - FRESHNESS_MS)),
        lte(serviceMetrics.ts, now),
      ),
    )
    .orderBy(desc(serviceMetrics.ts))
    .limit(1);
  return point ? Number(point.value) : null;
}

function ruleAlert(
  rule: RuleRow,
  action: "fire" | "resolve",
  value: number | null,
  startsAt: Date | null,
): NormalizedAlert {
  return {
    source: "rule",
    action,
    dedupKey: ruleDedupKey(rule.id),
    ruleId: rule.id,
    title: rule.name,
    service: rule.service,
    environment: rule.environment,
    severity: rule.severity as NormalizedAlert["severity"],
    labels: { rule: rule.id, metric: rule.metric, comparator: rule.comparator },
    annotations: {
      condition: `${METRIC_LABEL[rule.metric as RuleMetric]} ${rule.comparator} ${rule.threshold} for ${rule.forSeconds}s`,
    },
    value,
    threshold: rule.threshold,
    startsAt,
    endsAt: null,
    generatorUrl: null,
  };
}

/** Closes the rule's firing alert (rule disabled, changed or deleted); the caller holds the rule lock. */
export async function resolveRuleAlert(tx: Db, rule: RuleRow, now: Date) {
  if (rule.evalState !== "firing") return;
  await ingestAlertInTransaction(tx, ruleActor(rule), ruleAlert(rule, "resolve", null, null), now);
}

export type EvaluationSummary = {
  evaluated: number;
  skipped: number;
  fired: string[];
  resolved: string[];
  failed: { ruleId: string; error: string }[];
};

/**
 * One pass over the enabled rules; the scheduler calls it every minute. Each rule is decided in its
 * own transaction with its row locked (SKIP LOCKED: a rule another instance is evaluating right now
 * is skipped, not waited for), and its alert is fired or resolved in that same transaction. A rule
 * that fails is reported and the pass goes on.
 */
export async function evaluateAlertRules(db: Db, now: Date = new Date()): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = { evaluated: 0, skipped: 0, fired: [], resolved: [], failed: [] };
  const ids = await db
    .select({ id: alertRules.id })
    .from(alertRules)
    .where(eq(alertRules.enabled, true))
    .orderBy(asc(alertRules.id));
  for (const { id } of ids) {
    try {
      await runTransaction(db, async (tx) => {
        const [rule] = await tx
          .select()
          .from(alertRules)
          .where(and(eq(alertRules.id, id), eq(alertRules.enabled, true)))
          .for("update", { skipLocked: true });
        if (!rule) {
          summary.skipped++;
          return;
        }
        summary.evaluated++;
        const value = await latestValue(tx, rule, now);
        // A breach is only "continuous" if we watched it: after a gap in evaluation, pending starts over.
        const watched =
          rule.lastEvaluatedAt !== null && now.getTime() - rule.lastEvaluatedAt.getTime() <= FRESHNESS_MS;
        const current: RuleState =
          rule.evalState === "pending" && !watched
            ? { state: "ok", stateSince: null, breachStartedAt: null, clearSince: null }
            : {
                state: rule.evalState as RuleState["state"],
                stateSince: rule.stateSince,
                breachStartedAt: rule.breachStartedAt,
                clearSince: rule.clearSince,
              };
        const step = stepRule(
          {
            comparator: rule.comparator as Comparator,
            threshold: rule.threshold,
            forSeconds: rule.forSeconds,
          },
          current,
          value,
          now,
        );
        await tx
          .update(alertRules)
          .set({
            evalState: step.state,
            stateSince: step.stateSince,
            breachStartedAt: step.breachStartedAt,
            clearSince: step.clearSince,
            lastValue: value,
            lastEvaluatedAt: now,
          })
          .where(eq(alertRules.id, rule.id));
        if (step.transition === "fire" || step.transition === "refresh") {
          await ingestAlertInTransaction(
            tx,
            ruleActor(rule),
            ruleAlert(rule, "fire", value, step.breachStartedAt),
            now,
          );
          if (step.transition === "fire") summary.fired.push(rule.id);
        } else if (step.transition === "resolve") {
          await ingestAlertInTransaction(tx, ruleActor(rule), ruleAlert(rule, "resolve", value, null), now);
          summary.resolved.push(rule.id);
        }
      });
    } catch (error) {
      // A failed query's message carries its parameters (labels, values): only the error's shape is kept.
      logError(`[alerts] rule ${id} could not be evaluated`, error);
      summary.failed.push({ ruleId: id, error: describeError(error)[0]?.message ?? "Error" });
    }
  }
  return summary;
}

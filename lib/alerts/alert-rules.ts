import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertRules } from "@/db/alerts-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { assertEnvironment, ensureServices } from "@/lib/catalog/references";
import { CreateAlertRuleInput } from "./schemas";
import { type AlertRuleView, toAlertRuleView } from "./views";
import { runTransaction } from "@/lib/db/run-transaction";
import { type AuditTarget, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Severity } from "@/lib/incidents/severity";
import { type RuleWorkflowSpec, saveRuleWorkflow } from "@/lib/workflows/save-rule-workflow";

export type RuleRow = typeof alertRules.$inferSelect;

/** What the audit log keeps of a rule: its definition, not the evaluator's state. */
export const ruleAuditSnapshot = (row: RuleRow) => ({
  name: row.name,
  service: row.service,
  environment: row.environment,
  metric: row.metric,
  comparator: row.comparator,
  threshold: row.threshold,
  forSeconds: row.forSeconds,
  severity: row.severity,
  autoCreateIncident: row.autoCreateIncident,
  incidentSeverity: row.incidentSeverity,
  enabled: row.enabled,
});
export const ruleAuditTarget = (row: RuleRow): AuditTarget => ({
  type: "alert_rule",
  id: row.id,
  name: row.name,
});

/** The workflow the rule's auto-create is: declaring is a workflow's job, with its run log. */
export const ruleWorkflowSpec = (row: RuleRow): RuleWorkflowSpec => ({
  ruleId: row.id,
  ruleName: row.name,
  incidentSeverity: row.autoCreateIncident ? (row.incidentSeverity as Severity | null) : null,
});

export const newRuleId = () => `rule_${randomBytes(8).toString("hex")}`;

/** A rule id as a path gives it: anything that cannot be one is simply not found. */
export function assertRuleIdShape(id: string) {
  if (id.length === 0 || id.length > 64 || id.includes("\u0000")) throw notFound("Alert rule");
}

export async function listAlertRules(db: Db, actor: Actor): Promise<{ items: AlertRuleView[] }> {
  authorize(actor, "alerts.read");
  const rows = await db
    .select()
    .from(alertRules)
    .orderBy(asc(alertRules.service), asc(alertRules.name), asc(alertRules.id));
  return { items: rows.map(toAlertRuleView) };
}

export async function getAlertRule(db: Db, actor: Actor, id: string): Promise<AlertRuleView> {
  authorize(actor, "alerts.read");
  assertRuleIdShape(id);
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id));
  if (!row) throw notFound(`Alert rule ${id}`);
  return toAlertRuleView(row);
}

export async function createAlertRule(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: { now?: Date } = {},
): Promise<AlertRuleView> {
  authorize(actor, "alert-rules.manage");
  const input = parseInput(CreateAlertRuleInput, rawInput);
  return runTransaction(db, async (tx) => {
    await assertEnvironment(tx, input.environment);
    await ensureServices(tx, [input.service]);
    const now = options.now ?? new Date();
    const [row] = await tx
      .insert(alertRules)
      .values({
        id: newRuleId(),
        name: input.name,
        service: input.service,
        environment: input.environment,
        metric: input.metric,
        comparator: input.comparator,
        threshold: input.threshold,
        forSeconds: input.forSeconds,
        severity: input.severity,
        autoCreateIncident: input.autoCreateIncident,
        incidentSeverity: input.incidentSeverity ?? null,
        enabled: input.enabled,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "alert_rule.created",
      target: ruleAuditTarget(row),
      after: ruleAuditSnapshot(row),
    });
    await saveRuleWorkflow(tx, actor, ruleWorkflowSpec(row), now);
    return toAlertRuleView(row);
  });
}

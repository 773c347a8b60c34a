import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows } from "@/db/workflows-schema";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { recordAuditEvent, updateActionOf } from "@/lib/audit/record-audit-event";
import type { Severity } from "@/lib/incidents/severity";
import { workflowAuditSnapshot, workflowAuditTarget } from "./workflow-audit";

export type RuleWorkflowSpec = {
  ruleId: string;
  ruleName: string;
  /** Null: the rule does not auto-create (any more); its workflow stays, disabled, with its run log. */
  incidentSeverity: Severity | null;
};

export const ruleWorkflowName = (ruleName: string) => `Alert rule: ${ruleName}`.slice(0, 100);

/** Only the rule's own alerts: `source = rule` cannot be sent from outside, the label names the rule. */
export const ruleWorkflowCondition = (ruleId: string) =>
  `source = rule AND labels.rule = ${JSON.stringify(ruleId)}`;

/**
 * Writes the workflow an alert rule's auto-create is, inside the rule's transaction: the same runner,
 * run log and audit trail as any workflow, so "who declared this and why" has one answer. The rule is
 * its only editor (updateWorkflow and deleteWorkflow refuse it).
 */
export async function saveRuleWorkflow(tx: Db, actor: Actor, spec: RuleWorkflowSpec, now: Date) {
  const [current] = await tx
    .select()
    .from(workflows)
    .where(eq(workflows.alertRuleId, spec.ruleId))
    .for("update");
  if (!current && !spec.incidentSeverity) return;
  // Turning auto-create off keeps the last severity in the (disabled) actions: nothing runs them.
  const definition: Pick<typeof workflows.$inferInsert, "name" | "trigger" | "condition" | "enabled"> & {
    actions?: Record<string, unknown>[];
  } = {
    name: ruleWorkflowName(spec.ruleName),
    trigger: "alert_fired",
    condition: ruleWorkflowCondition(spec.ruleId),
    enabled: spec.incidentSeverity !== null,
    ...(spec.incidentSeverity
      ? { actions: [{ type: "create_incident", severity: spec.incidentSeverity }] }
      : {}),
  };
  if (!current) {
    const [inserted] = await tx
      .insert(workflows)
      .values({
        id: `wf_${randomUUID()}`,
        ...definition,
        actions: definition.actions ?? [],
        alertRuleId: spec.ruleId,
        createdBy: actorLabel(actor),
        createdByUserId: actorUserId(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "workflow.created",
      target: workflowAuditTarget(inserted),
      after: workflowAuditSnapshot(inserted),
    });
    return;
  }
  const before = workflowAuditSnapshot(current);
  const after = workflowAuditSnapshot({ ...current, ...definition });
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const [updated] = await tx
    .update(workflows)
    .set({ ...definition, updatedAt: now, version: current.version + 1 })
    .where(eq(workflows.id, current.id))
    .returning();
  await recordAuditEvent(tx, actor, {
    action: updateActionOf("workflow", before, after),
    target: workflowAuditTarget(updated),
    before,
    after,
  });
}

/** Before its rule is deleted (the foreign key would cascade, but without an audit entry). */
export async function deleteRuleWorkflow(tx: Db, actor: Actor, ruleId: string) {
  const [deleted] = await tx.delete(workflows).where(eq(workflows.alertRuleId, ruleId)).returning();
  if (deleted)
    await recordAuditEvent(tx, actor, {
      action: "workflow.deleted",
      target: workflowAuditTarget(deleted),
      before: workflowAuditSnapshot(deleted),
    });
}

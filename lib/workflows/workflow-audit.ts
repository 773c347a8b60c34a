import type { workflows } from "@/db/workflows-schema";
import type { AuditTarget } from "@/lib/audit/record-audit-event";
import { DomainError } from "@/lib/errors";

type Row = typeof workflows.$inferSelect;

/** What the audit log keeps of a workflow: what it reacts to and does, not its bookkeeping. */
export const workflowAuditSnapshot = (row: Row) => ({
  name: row.name,
  trigger: row.trigger,
  condition: row.condition,
  actions: row.actions,
  enabled: row.enabled,
});

export const workflowAuditTarget = (row: Row): AuditTarget => ({
  type: "workflow",
  id: row.id,
  name: row.name,
});

/** A rule's workflow changes with its rule (lib/workflows/save-rule-workflow.ts), never on its own. */
export function assertNotRuleOwned(row: Pick<Row, "name" | "alertRuleId">) {
  if (row.alertRuleId)
    throw new DomainError(
      "conflict",
      `"${row.name}" belongs to alert rule ${row.alertRuleId}: change or delete the rule's auto-create on /alerts/rules.`,
    );
}

import type { workflows } from "@/db/workflows-schema";
import type { AuditTarget } from "@/lib/audit/record-audit-event";

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

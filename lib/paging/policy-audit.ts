import type { AuditTarget } from "@/lib/audit/record-audit-event";
import type { PolicyView } from "./schemas";

/** What the audit log keeps of a policy: its definition, not its bookkeeping. */
export const policyAuditSnapshot = (view: PolicyView) => ({
  name: view.name,
  description: view.description,
  repeat: view.repeat,
  isDefault: view.isDefault,
  ackTimeoutMinutes: view.ackTimeoutMinutes,
  steps: view.steps,
});

export const policyAuditTarget = (view: Pick<PolicyView, "id" | "name">): AuditTarget => ({
  type: "escalation_policy",
  id: view.id,
  name: view.name,
});

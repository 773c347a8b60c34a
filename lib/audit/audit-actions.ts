// What the audit log records (lib/audit/record-audit-event.ts). No database imports: the audit page's
// filter offers these too.

export const AUDIT_ACTIONS = [
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.unlocked",
  "token.created",
  "token.revoked",
  "auth.sign_in_succeeded",
  "auth.sign_in_failed",
  "auth.password_changed",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.enabled",
  "webhook.disabled",
  "workflow.created",
  "workflow.updated",
  "workflow.deleted",
  "workflow.enabled",
  "workflow.disabled",
  "service.oncall_changed",
  "override.created",
  "override.deleted",
  "alert_rule.created",
  "alert_rule.updated",
  "alert_rule.deleted",
  "settings.postmortems_changed",
  "settings.reminders_changed",
  "escalation_policy.created",
  "escalation_policy.updated",
  "escalation_policy.deleted",
  "service.paging_changed",
  "contact_method.created",
  "contact_method.verified",
  "contact_method.deleted",
  "notification_rules.changed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  "user",
  "token",
  "webhook",
  "workflow",
  "service",
  "override",
  "alert_rule",
  "settings",
  "escalation_policy",
  "contact_method",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const AUDIT_ACTOR_TYPES = ["user", "token", "system"] as const;

import { redactUrl } from "@/lib/audit/audit-diff";
import type { AuditTarget } from "@/lib/audit/record-audit-event";
import type { webhookSubscriptions } from "@/db/webhooks-schema";

type Row = typeof webhookSubscriptions.$inferSelect;

/** What the audit log keeps of a subscription: never its secret, and its URL only as redactUrl shows it. */
export const webhookAuditSnapshot = (row: Row) => ({
  url: redactUrl(row.url),
  events: row.events,
  format: row.format,
  description: row.description,
  enabled: row.enabled,
});

export const webhookAuditTarget = (row: Row): AuditTarget => ({
  type: "webhook",
  id: row.id,
  name: row.description || new URL(row.url).host,
});

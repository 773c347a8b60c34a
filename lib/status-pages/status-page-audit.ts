import type { AuditTarget } from "@/lib/audit/record-audit-event";
import type { StatusPageRow } from "./lock-status-page";

/** What the audit log keeps of a page's settings. */
export const pageAuditSnapshot = (row: StatusPageRow) => ({
  name: row.name,
  slug: row.slug,
  logoUrl: row.logoUrl,
  timeZone: row.timeZone,
  isDefault: row.isDefault,
  visibility: row.visibility,
});

export const pageAuditTarget = (row: Pick<StatusPageRow, "id" | "name">): AuditTarget => ({
  type: "status_page",
  id: row.id,
  name: row.name,
});

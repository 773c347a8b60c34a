import type { alerts } from "@/db/alerts-schema";
import type { errorGroups } from "@/db/errors-schema";
import type { WorkflowEvent } from "./schemas";

type Subject = WorkflowEvent["subject"];

/** An alert as a workflow sees it: the same fields whether it comes from the outbox or a preview. */
export const alertSubject = (row: typeof alerts.$inferSelect): Subject => ({
  title: row.title,
  labels: row.labels,
  severity: row.severity,
  service: row.service,
  environment: row.environment,
  source: row.source,
  dedupKey: row.dedupKey,
  alertId: row.id,
  startedAt: row.startsAt.toISOString(),
});

/** An error group as a workflow sees it (groups have no severity). */
export const errorGroupSubject = (row: typeof errorGroups.$inferSelect): Subject => ({
  title: row.title,
  service: row.service,
  environment: row.environment,
  errorGroupId: row.id,
  startedAt: row.firstSeen.toISOString(),
});

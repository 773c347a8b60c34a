import type { errorGroups } from "@/db/errors-schema";
import type { ErrorGroupView } from "./schemas";

export const toErrorGroupView = (row: typeof errorGroups.$inferSelect): ErrorGroupView => ({
  id: row.id,
  fingerprint: row.fingerprint,
  title: row.title,
  culprit: row.culprit,
  service: row.service,
  environment: row.environment,
  count: row.count,
  usersAffected: row.usersAffected,
  firstSeen: row.firstSeen,
  lastSeen: row.lastSeen,
  status: row.status as ErrorGroupView["status"],
});

import type { releases } from "@/db/errors-schema";
import type { ReleaseView } from "./schemas";

export const toReleaseView = (row: typeof releases.$inferSelect): ReleaseView => ({
  id: row.id,
  service: row.service,
  environment: row.environment,
  version: row.version,
  commit: row.commitSha,
  url: row.url,
  deployedAt: row.deployedAt,
  deployedBy: row.deployedBy,
});

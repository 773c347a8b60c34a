import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { type CsvColumn, toCsv } from "@/lib/csv/to-csv";
import { validationError } from "@/lib/errors";
import { listIncidents } from "./list-incidents";
import type { IncidentListItem } from "./views";

/** More than a year of a busy team; past it the filters should say which part is wanted. */
export const EXPORT_MAX_ROWS = 10_000;
const PAGE = 100;

const COLUMNS: CsvColumn<IncidentListItem>[] = [
  { header: "id", value: (row) => row.id },
  { header: "title", value: (row) => row.title },
  { header: "severity", value: (row) => row.severity },
  { header: "status", value: (row) => row.status },
  { header: "environment", value: (row) => row.environment },
  { header: "services", value: (row) => row.services.join(" ") },
  { header: "commander", value: (row) => row.commander?.name ?? "" },
  { header: "declared_at", value: (row) => row.createdAt },
  { header: "investigating_at", value: (row) => row.investigatingAt },
  { header: "resolved_at", value: (row) => row.resolvedAt },
  { header: "duration_seconds", value: (row) => row.durationSeconds },
  { header: "last_update_at", value: (row) => row.lastUpdate?.at },
  { header: "last_update", value: (row) => row.lastUpdate?.summary },
];

/**
 * Every incident the list's filters match (not one page of them), newest first, as CSV: the same
 * query, permission and rows as the list, walked page by page with its cursor.
 */
export async function exportIncidents(db: Db, actor: Actor, rawQuery: Record<string, string>) {
  if (rawQuery.cursor !== undefined || rawQuery.limit !== undefined)
    throw validationError([
      {
        path: rawQuery.cursor !== undefined ? "cursor" : "limit",
        message: "An export has every row; leave out cursor and limit.",
      },
    ]);
  const rows: IncidentListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listIncidents>> = await listIncidents(db, actor, {
      ...rawQuery,
      limit: String(PAGE),
      ...(cursor ? { cursor } : {}),
    });
    rows.push(...page.items);
    cursor = page.nextCursor;
    if (rows.length > EXPORT_MAX_ROWS)
      throw validationError([
        {
          path: "from",
          message: `More than ${EXPORT_MAX_ROWS.toLocaleString("en")} incidents match; narrow the filters (e.g. from and to) and export the parts.`,
        },
      ]);
  } while (cursor);
  return toCsv(COLUMNS, rows);
}

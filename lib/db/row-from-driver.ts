import { getTableColumns, type Table } from "drizzle-orm";

/**
 * A row read by raw SQL (column names, driver values, or the same inside row_to_json / json_agg) as
 * Drizzle's own query would return it, for a statement Drizzle cannot build (several writes in one
 * WITH). Each column maps its value as Drizzle does; JSON text (postgres.js) or objects (PGlite) both work.
 */
export function rowFromDriver<T extends Table>(table: T, raw: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}

/** postgres.js under Drizzle hands json over as text; PGlite parses it. */
export const fromJson = <T>(value: unknown): T =>
  (typeof value === "string" ? JSON.parse(value) : value) as T;

/** Rows of `db.execute`, whichever driver answered (PGlite gives {rows}, postgres.js an array). */
export const rowsOf = <T = Record<string, unknown>>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

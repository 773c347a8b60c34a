import { and, desc, eq, gte, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { errorGroupHourly, errorGroups } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { type ErrorGroupListItem, ListErrorGroupsQuery } from "./schemas";
import { toErrorGroupView } from "./to-view";

const HOUR = 3_600_000;
export const TREND_HOURS = 24;

type Cursor = { sort: "last_seen" | "count"; value: string | number; id: string };

const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString("base64url");

function decodeCursor(value: string, sort: Cursor["sort"]): Cursor {
  try {
    const [kind, key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (kind !== sort || typeof id !== "string" || id.includes("\u0000")) throw new Error("bad cursor");
    if (sort === "count" && !Number.isInteger(key)) throw new Error("bad cursor");
    if (sort === "last_seen" && (typeof key !== "string" || Number.isNaN(Date.parse(key))))
      throw new Error("bad cursor");
    return { sort, value: key, id };
  } catch {
    throw validationError([
      { path: "cursor", message: "Not a cursor this API handed out for this sort; start again without it." },
    ]);
  }
}

/** Hourly counts of the last TREND_HOURS hours for each group, oldest first. */
export async function trendsOf(db: Db, ids: string[], now: Date): Promise<Map<string, number[]>> {
  const end = Math.floor(now.getTime() / HOUR) * HOUR;
  const start = end - (TREND_HOURS - 1) * HOUR;
  const trends = new Map(ids.map((id) => [id, Array.from({ length: TREND_HOURS }, () => 0)]));
  if (ids.length === 0) return trends;
  const rows = await db
    .select({ groupId: errorGroupHourly.groupId, hour: errorGroupHourly.hour, count: errorGroupHourly.count })
    .from(errorGroupHourly)
    .where(and(inArray(errorGroupHourly.groupId, ids), gte(errorGroupHourly.hour, new Date(start))));
  for (const row of rows) {
    const slot = Math.round((row.hour.getTime() - start) / HOUR);
    const trend = trends.get(row.groupId);
    if (trend && slot >= 0 && slot < TREND_HOURS) trend[slot] += row.count;
  }
  return trends;
}

/** Error groups, most recently seen (or most frequent) first, keyset-paged. */
export async function listErrorGroups(db: Db, actor: Actor, rawQuery: unknown, options: { now?: Date } = {}) {
  authorize(actor, "errors.read");
  const query = parseInput(ListErrorGroupsQuery, rawQuery);
  const where: SQL[] = [];
  if (query.service) where.push(eq(errorGroups.service, query.service));
  if (query.environment) where.push(eq(errorGroups.environment, query.environment));
  if (query.status) where.push(eq(errorGroups.status, query.status));
  const key = query.sort === "count" ? errorGroups.count : errorGroups.lastSeen;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query.sort);
    where.push(
      query.sort === "count"
        ? sql`(${errorGroups.count}, ${errorGroups.id}) < (${cursor.value}::int, ${cursor.id})`
        : sql`(${errorGroups.lastSeen}, ${errorGroups.id}) < (${cursor.value}::timestamptz, ${cursor.id})`,
    );
  }
  const rows = await db
    .select()
    .from(errorGroups)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(key), desc(errorGroups.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const trends = await trendsOf(
    db,
    page.map((r) => r.id),
    options.now ?? new Date(),
  );
  const items: ErrorGroupListItem[] = page.map((row) => ({
    ...toErrorGroupView(row),
    trend: trends.get(row.id) ?? [],
  }));
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({
          sort: query.sort,
          value: query.sort === "count" ? last.count : last.lastSeen.toISOString(),
          id: last.id,
        })
      : null;
  return { items, nextCursor };
}

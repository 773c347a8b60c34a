import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { pageAssignments } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";

export type PageAssignee = { userId: string; name: string; step: number; reason: string };

/** Who was asked to answer each page (in the order they were asked), for the pages list and panel. */
export async function listPageAssignees(
  db: Db,
  actor: Actor,
  pageIds: string[],
): Promise<Record<string, PageAssignee[]>> {
  authorize(actor, "paging.read");
  const byPage: Record<string, PageAssignee[]> = {};
  if (pageIds.length === 0) return byPage;
  const rows = await db
    .select({
      pageId: pageAssignments.pageId,
      userId: pageAssignments.userId,
      step: pageAssignments.step,
      reason: pageAssignments.reason,
      createdAt: pageAssignments.createdAt,
    })
    .from(pageAssignments)
    .where(inArray(pageAssignments.pageId, pageIds))
    .orderBy(asc(pageAssignments.createdAt), asc(pageAssignments.step));
  const names = await readUserNames(
    db,
    rows.map((r) => r.userId),
  );
  for (const row of rows) {
    const list = (byPage[row.pageId] ??= []);
    // One person asked again at a later step or pass is one name in the list.
    if (list.some((a) => a.userId === row.userId)) continue;
    list.push({
      userId: row.userId,
      name: names.get(row.userId) ?? row.userId,
      step: row.step + 1,
      reason: row.reason,
    });
  }
  return byPage;
}

/** id → name of the given users (ids of removed users are simply absent). */
export async function readUserNames(db: Db, userIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((u) => [u.id, u.name]));
}

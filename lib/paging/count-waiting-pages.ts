import { and, countDistinct, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pageAssignments, pages } from "@/db/paging-schema";

/**
 * The header's badge: triggered pages the user was asked to answer. Read on every page render, so
 * one query from the user's assignments (page_assignments_user_idx) to their pages by primary key.
 * No permission check: it counts the caller's own pages, and the header asks only for the signed-in user.
 */
export async function countWaitingPages(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: countDistinct(pages.id) })
    .from(pageAssignments)
    .innerJoin(pages, eq(pages.id, pageAssignments.pageId))
    .where(and(eq(pageAssignments.userId, userId), eq(pages.state, "triggered")));
  return Number(row?.count ?? 0);
}

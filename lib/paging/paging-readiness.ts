import { and, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, notificationRules } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";

export type PagingReadiness = { verifiedMethods: number; hasRules: boolean };

/** For each person: how many verified contact methods they have, and whether they set rules. */
export async function readPagingReadiness(
  db: Db,
  actor: Actor,
  userIds: string[],
): Promise<Map<string, PagingReadiness>> {
  authorize(actor, "paging.read");
  const ids = [...new Set(userIds)];
  const result = new Map(ids.map((id) => [id, { verifiedMethods: 0, hasRules: false }]));
  if (ids.length === 0) return result;
  const [methods, rules] = await Promise.all([
    db
      .select({ userId: contactMethods.userId })
      .from(contactMethods)
      .where(and(inArray(contactMethods.userId, ids), isNotNull(contactMethods.verifiedAt))),
    db
      .selectDistinct({ userId: notificationRules.userId })
      .from(notificationRules)
      .where(inArray(notificationRules.userId, ids)),
  ]);
  for (const { userId } of methods) result.get(userId)!.verifiedMethods++;
  for (const { userId } of rules) result.get(userId)!.hasRules = true;
  return result;
}

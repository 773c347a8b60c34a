import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { errorGroups } from "@/db/errors-schema";
import { trendsOf } from "./list-error-groups";
import type { ErrorGroupListItem } from "./schemas";
import { toErrorGroupView } from "./to-view";

/** Each stored error group among `ids` with its trend (for an incident's links, lib/incidents/link-cards.ts). */
export async function errorGroupCardsByIds(
  db: Db,
  ids: string[],
  now: Date,
): Promise<Map<string, ErrorGroupListItem>> {
  const rows = await db.select().from(errorGroups).where(inArray(errorGroups.id, ids));
  const trends = await trendsOf(
    db,
    rows.map((r) => r.id),
    now,
  );
  return new Map(rows.map((row) => [row.id, { ...toErrorGroupView(row), trend: trends.get(row.id) ?? [] }]));
}

/** Error groups on these services and environment first seen in the window (both ends included), first 50. */
export async function errorGroupsStartedIn(
  db: Db,
  w: { services: string[]; environment: string; from: Date; to: Date },
) {
  return db
    .select()
    .from(errorGroups)
    .where(
      and(
        inArray(errorGroups.service, w.services),
        eq(errorGroups.environment, w.environment),
        gte(errorGroups.firstSeen, w.from),
        lte(errorGroups.firstSeen, w.to),
      ),
    )
    .orderBy(asc(errorGroups.firstSeen))
    .limit(50);
}

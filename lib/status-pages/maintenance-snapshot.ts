import { and, asc, eq, gte, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusMaintenanceComponents, statusMaintenances } from "@/db/status-pages-schema";
import { type PublicMaintenance, RECENT_DAYS } from "./public-snapshot";

/**
 * The page's maintenances as the snapshot carries them: upcoming and in progress, soonest first,
 * then those that ended or were cancelled in the last RECENT_DAYS days, newest first. `nameOf` holds
 * the page's components (their public names).
 */
export async function maintenanceSnapshot(
  tx: Db,
  pageId: string,
  now: Date,
  nameOf: ReadonlyMap<string, string>,
): Promise<PublicMaintenance[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const rows = await tx
    .select()
    .from(statusMaintenances)
    .where(
      and(
        eq(statusMaintenances.pageId, pageId),
        or(
          inArray(statusMaintenances.state, ["scheduled", "in_progress"]),
          gte(statusMaintenances.updatedAt, since),
        ),
      ),
    )
    .orderBy(asc(statusMaintenances.startsAt), asc(statusMaintenances.id));
  if (rows.length === 0) return [];
  const links = await tx
    .select()
    .from(statusMaintenanceComponents)
    .where(
      inArray(
        statusMaintenanceComponents.maintenanceId,
        rows.map((row) => row.id),
      ),
    );
  const order = [...nameOf.keys()];
  const toPublic = (row: (typeof rows)[number]): PublicMaintenance => ({
    id: row.id,
    title: row.title,
    body: row.body,
    state: row.state as PublicMaintenance["state"],
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    components: links
      .filter((link) => link.maintenanceId === row.id && nameOf.has(link.componentId))
      .sort((a, b) => order.indexOf(a.componentId) - order.indexOf(b.componentId))
      .map((link) => ({ componentId: link.componentId, name: nameOf.get(link.componentId)! })),
  });
  const open = rows.filter((row) => row.state === "scheduled" || row.state === "in_progress");
  const ended = rows
    .filter((row) => row.state === "completed" || row.state === "cancelled")
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return [...open, ...ended].map(toPublic);
}

import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  statusMaintenanceComponents,
  statusMaintenances,
  statusPageComponents,
  statusPages,
} from "@/db/status-pages-schema";

/**
 * What subscribers are told of a maintenance (by mail or webhook): its text, window, page and the
 * names of its components in display order. Null once it is gone with its page.
 */
export async function loadPublishedMaintenance(tx: Db, maintenanceId: string) {
  const [maintenance] = await tx
    .select({
      id: statusMaintenances.id,
      title: statusMaintenances.title,
      body: statusMaintenances.body,
      startsAt: statusMaintenances.startsAt,
      endsAt: statusMaintenances.endsAt,
      pageId: statusPages.id,
      pageName: statusPages.name,
      slug: statusPages.slug,
      timeZone: statusPages.timeZone,
    })
    .from(statusMaintenances)
    .innerJoin(statusPages, eq(statusPages.id, statusMaintenances.pageId))
    .where(eq(statusMaintenances.id, maintenanceId));
  if (!maintenance) return null;
  const components = await tx
    .select({ name: statusPageComponents.name })
    .from(statusMaintenanceComponents)
    .innerJoin(statusPageComponents, eq(statusPageComponents.id, statusMaintenanceComponents.componentId))
    .where(eq(statusMaintenanceComponents.maintenanceId, maintenance.id))
    .orderBy(asc(statusPageComponents.position), asc(statusPageComponents.id));
  return { ...maintenance, components: components.map((c) => c.name) };
}

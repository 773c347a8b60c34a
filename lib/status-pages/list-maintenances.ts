import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusMaintenances, statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { maintenanceViews } from "./get-maintenance";
import type { MaintenanceView } from "./maintenance-schemas";
import { isIdShape } from "./status-page-ids";

/** A page's maintenances, latest start first (the newest 100). */
export async function listMaintenances(db: Db, actor: Actor, pageId: string): Promise<MaintenanceView[]> {
  authorize(actor, "status-pages.read");
  if (!isIdShape(pageId, "sp")) throw notFound("Status page");
  const [page] = await db.select({ id: statusPages.id }).from(statusPages).where(eq(statusPages.id, pageId));
  if (!page) throw notFound(`Status page ${pageId}`);
  const rows = await db
    .select()
    .from(statusMaintenances)
    .where(eq(statusMaintenances.pageId, pageId))
    .orderBy(desc(statusMaintenances.startsAt), desc(statusMaintenances.id))
    .limit(100);
  return maintenanceViews(db, rows);
}

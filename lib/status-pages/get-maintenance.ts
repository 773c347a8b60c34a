import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  statusMaintenanceComponents,
  statusMaintenances,
  statusPageComponents,
} from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { MaintenanceState, MaintenanceView } from "./maintenance-schemas";
import type { MaintenanceRow } from "./maintenance-transitions";
import { isIdShape } from "./status-page-ids";

/** Maintenances as the API shows them, each with its components' names (in the page's order). */
export async function maintenanceViews(db: Db, rows: MaintenanceRow[]): Promise<MaintenanceView[]> {
  if (rows.length === 0) return [];
  const components = await db
    .select({
      maintenanceId: statusMaintenanceComponents.maintenanceId,
      componentId: statusPageComponents.id,
      name: statusPageComponents.name,
    })
    .from(statusMaintenanceComponents)
    .innerJoin(statusPageComponents, eq(statusPageComponents.id, statusMaintenanceComponents.componentId))
    .where(
      inArray(
        statusMaintenanceComponents.maintenanceId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(statusPageComponents.position), asc(statusPageComponents.id));
  return rows.map((row) => ({
    ...row,
    state: row.state as MaintenanceState,
    components: components
      .filter((c) => c.maintenanceId === row.id)
      .map(({ componentId, name }) => ({ componentId, name })),
  }));
}

export async function maintenanceView(db: Db, id: string): Promise<MaintenanceView> {
  const [row] = await db.select().from(statusMaintenances).where(eq(statusMaintenances.id, id));
  if (!row) throw notFound(`Maintenance ${id}`);
  return (await maintenanceViews(db, [row]))[0];
}

export async function getMaintenance(
  db: Db,
  actor: Actor,
  pageId: string,
  id: string,
): Promise<MaintenanceView> {
  authorize(actor, "status-pages.read");
  if (!isIdShape(id, "spm")) throw notFound("Maintenance");
  const [row] = await db
    .select()
    .from(statusMaintenances)
    .where(and(eq(statusMaintenances.id, id), eq(statusMaintenances.pageId, pageId)));
  if (!row) throw notFound(`Maintenance ${id}`);
  return (await maintenanceViews(db, [row]))[0];
}

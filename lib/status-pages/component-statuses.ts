import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  componentImpacts,
  publicIncidentComponents,
  publicIncidents,
  statusMaintenanceComponents,
  statusMaintenances,
  statusPageComponents,
} from "@/db/status-pages-schema";
import { validationError } from "@/lib/errors";
import { worstStatus } from "./headline";
import type { ComponentStatus } from "./schemas";

export type ComponentRow = typeof statusPageComponents.$inferSelect;

/** The page's components named in `ids`; an id that is not one of them is a 422 on its path. */
export async function componentsOfPage(
  tx: Db,
  pageId: string,
  ids: string[],
  path: (index: number) => string,
): Promise<ComponentRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select()
    .from(statusPageComponents)
    .where(and(eq(statusPageComponents.pageId, pageId), inArray(statusPageComponents.id, ids)));
  const known = new Set(rows.map((row) => row.id));
  const errors = ids.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: path(index), message: `No component ${id} on this status page.` }],
  );
  if (errors.length) throw validationError(errors);
  return rows;
}

/**
 * Gives components a status and keeps their impact intervals (component_impacts) in step: a change
 * closes the open interval at `now` and, unless the new status is operational, opens the next one,
 * naming the public incident that caused it (null for a manual change).
 */
export async function setComponentStatuses(
  tx: Db,
  changes: { component: ComponentRow; status: ComponentStatus; publicIncidentId: string | null }[],
  now: Date,
): Promise<void> {
  for (const { component, status, publicIncidentId } of changes) {
    if (component.status === status) continue;
    await tx
      .update(statusPageComponents)
      .set({ status, updatedAt: now })
      .where(eq(statusPageComponents.id, component.id));
    await tx
      .update(componentImpacts)
      .set({ endedAt: now })
      .where(and(eq(componentImpacts.componentId, component.id), isNull(componentImpacts.endedAt)));
    if (status !== "operational")
      await tx
        .insert(componentImpacts)
        .values({ componentId: component.id, publicIncidentId, status, startedAt: now });
  }
}

/**
 * After a public incident's update or a maintenance's start or end: each of these components shows
 * the worst status any open public incident gives it, under maintenance while a maintenance of it is
 * in progress (an outage is worse and wins), operational otherwise (so resolving one of two
 * overlapping incidents leaves the other's status standing).
 */
export async function recomputeComponents(tx: Db, components: ComponentRow[], now: Date): Promise<void> {
  if (components.length === 0) return;
  const open = await tx
    .select({
      componentId: publicIncidentComponents.componentId,
      status: publicIncidentComponents.status,
      publicIncidentId: publicIncidentComponents.publicIncidentId,
    })
    .from(publicIncidentComponents)
    .innerJoin(publicIncidents, eq(publicIncidents.id, publicIncidentComponents.publicIncidentId))
    .where(
      and(
        isNull(publicIncidents.resolvedAt),
        inArray(
          publicIncidentComponents.componentId,
          components.map((component) => component.id),
        ),
      ),
    )
    .orderBy(publicIncidentComponents.publicIncidentId);
  const maintained = await componentsUnderMaintenance(
    tx,
    components.map((component) => component.id),
  );
  await setComponentStatuses(
    tx,
    components.map((component) => {
      const mine = open.filter((row) => row.componentId === component.id);
      const statuses = mine.map((row) => row.status as ComponentStatus);
      if (maintained.has(component.id)) statuses.push("under_maintenance");
      const status = worstStatus(statuses);
      const cause = mine.find((row) => row.status === status)?.publicIncidentId ?? null;
      return { component, status, publicIncidentId: cause };
    }),
    now,
  );
}

/** Which of these components a maintenance in progress holds. */
async function componentsUnderMaintenance(tx: Db, ids: string[]): Promise<Set<string>> {
  const rows = await tx
    .select({ componentId: statusMaintenanceComponents.componentId })
    .from(statusMaintenanceComponents)
    .innerJoin(statusMaintenances, eq(statusMaintenances.id, statusMaintenanceComponents.maintenanceId))
    .where(
      and(eq(statusMaintenances.state, "in_progress"), inArray(statusMaintenanceComponents.componentId, ids)),
    );
  return new Set(rows.map((row) => row.componentId));
}

import { and, asc, desc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  publicIncidentComponents,
  publicIncidents,
  publicIncidentUpdates,
  statusPageComponents,
  statusPageGroups,
  statusPages,
  statusPageSnapshots,
} from "@/db/status-pages-schema";
import { componentUptimes } from "./component-uptime";
import { pageHeadline } from "./headline";
import { localDate } from "./local-days";
import type { StatusPageRow } from "./lock-status-page";
import { maintenanceSnapshot } from "./maintenance-snapshot";
import { type PublicIncidentSnapshot, type PublicSnapshot, RECENT_DAYS } from "./public-snapshot";
import type { ComponentStatus, PublicPhase, Visibility } from "./schemas";

/** Components in display order: groups by position, components by position within, ungrouped last. */
export async function orderedComponents(tx: Db, pageId: string) {
  const [groups, components] = await Promise.all([
    tx
      .select()
      .from(statusPageGroups)
      .where(eq(statusPageGroups.pageId, pageId))
      .orderBy(asc(statusPageGroups.position), asc(statusPageGroups.id)),
    tx
      .select()
      .from(statusPageComponents)
      .where(eq(statusPageComponents.pageId, pageId))
      .orderBy(asc(statusPageComponents.position), asc(statusPageComponents.id)),
  ]);
  const rank = new Map(groups.map((group, index) => [group.id, index]));
  const ordered = components
    .map((component, index) => ({ component, index }))
    .sort(
      (a, b) =>
        (rank.get(a.component.groupId ?? "") ?? groups.length) -
          (rank.get(b.component.groupId ?? "") ?? groups.length) || a.index - b.index,
    )
    .map(({ component }) => component);
  return { groups, components: ordered };
}

/**
 * Bumps the page's revision and writes its snapshot, in the transaction of the change (the page row
 * is locked by the caller): the stored snapshot is never behind a committed change, nor ahead of one
 * that rolled back. Returns the snapshot for the instance's memory (lib/status-pages/snapshot-cache.ts).
 */
export async function rebuildSnapshot(tx: Db, page: StatusPageRow, now: Date): Promise<PublicSnapshot> {
  const revision = page.revision + 1;
  const snapshot = await buildSnapshot(tx, { ...page, revision }, now);
  await tx.update(statusPages).set({ revision, updatedAt: now }).where(eq(statusPages.id, page.id));
  await tx
    .insert(statusPageSnapshots)
    .values({ pageId: page.id, revision, body: snapshot, builtAt: now })
    .onConflictDoUpdate({
      target: statusPageSnapshots.pageId,
      set: { revision, body: snapshot, builtAt: now },
    });
  return snapshot;
}

export async function buildSnapshot(tx: Db, page: StatusPageRow, now: Date): Promise<PublicSnapshot> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const [{ groups, components }, incidents] = await Promise.all([
    orderedComponents(tx, page.id),
    tx
      .select()
      .from(publicIncidents)
      .where(
        and(
          eq(publicIncidents.pageId, page.id),
          or(isNull(publicIncidents.resolvedAt), gte(publicIncidents.resolvedAt, since)),
        ),
      )
      .orderBy(desc(publicIncidents.createdAt), desc(publicIncidents.id)),
  ]);
  const uptimes = await componentUptimes(tx, page.id, page.timeZone, components, now);
  const ids = incidents.map((incident) => incident.id);
  const [updates, affected] = ids.length
    ? await Promise.all([
        tx
          .select()
          .from(publicIncidentUpdates)
          .where(inArray(publicIncidentUpdates.publicIncidentId, ids))
          .orderBy(desc(publicIncidentUpdates.createdAt), desc(publicIncidentUpdates.id)),
        tx
          .select()
          .from(publicIncidentComponents)
          .where(inArray(publicIncidentComponents.publicIncidentId, ids)),
      ])
    : [[], []];
  const nameOf = new Map(components.map((component) => [component.id, component.name]));
  const named = (list: { componentId: string; status: string }[]) =>
    list
      .filter((item) => nameOf.has(item.componentId))
      .map((item) => ({
        componentId: item.componentId,
        name: nameOf.get(item.componentId)!,
        status: item.status as ComponentStatus,
      }));
  const toIncident = (incident: (typeof incidents)[number]): PublicIncidentSnapshot => ({
    id: incident.id,
    title: incident.title,
    phase: incident.phase as PublicPhase,
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    components: incident.resolvedAt
      ? []
      : named(affected.filter((row) => row.publicIncidentId === incident.id && row.status !== "operational")),
    updates: updates
      .filter((update) => update.publicIncidentId === incident.id)
      .map((update) => ({
        id: update.id,
        phase: update.phase as PublicPhase,
        title: update.title,
        body: update.body,
        components: named(update.componentStatuses),
        createdAt: update.createdAt.toISOString(),
      })),
  });
  const statuses = components.map((component) => component.status as ComponentStatus);
  return {
    page: {
      id: page.id,
      name: page.name,
      slug: page.slug,
      logoUrl: page.logoUrl,
      timeZone: page.timeZone,
      isDefault: page.isDefault,
      visibility: page.visibility as Visibility,
    },
    revision: page.revision,
    builtAt: now.toISOString(),
    uptimeDay: localDate(now, page.timeZone),
    ...pageHeadline(statuses),
    groups: groups.map((group) => ({ id: group.id, name: group.name })),
    components: components.map((component) => ({
      id: component.id,
      name: component.name,
      description: component.description,
      status: component.status as ComponentStatus,
      groupId: component.groupId,
      uptime: uptimes.get(component.id),
    })),
    openIncidents: incidents.filter((incident) => !incident.resolvedAt).map(toIncident),
    recentIncidents: incidents.filter((incident) => incident.resolvedAt).map(toIncident),
    maintenances: await maintenanceSnapshot(tx, page.id, now, nameOf),
  };
}

import { and, eq, inArray, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { services } from "@/db/core-schema";
import {
  statusPageComponents,
  statusPageComponentServices,
  statusPageGroups,
} from "@/db/status-pages-schema";
import type { AuditTarget } from "@/lib/audit/record-audit-event";
import { notFound, validationError } from "@/lib/errors";
import type { ComponentRow } from "./component-statuses";
import { isIdShape } from "./status-page-ids";

// What the component and group use cases share: lookups on one page and the service mapping.

export async function componentOnPage(tx: Db, pageId: string, id: string): Promise<ComponentRow> {
  if (!isIdShape(id, "spc")) throw notFound("Component");
  const [row] = await tx
    .select()
    .from(statusPageComponents)
    .where(and(eq(statusPageComponents.id, id), eq(statusPageComponents.pageId, pageId)));
  if (!row) throw notFound(`Component ${id}`);
  return row;
}

export async function groupOnPage(tx: Db, pageId: string, id: string) {
  if (!isIdShape(id, "spg")) throw notFound("Component group");
  const [row] = await tx
    .select()
    .from(statusPageGroups)
    .where(and(eq(statusPageGroups.id, id), eq(statusPageGroups.pageId, pageId)));
  if (!row) throw notFound(`Component group ${id}`);
  return row;
}

/** A group named in a body that is not on the page is the body's mistake (422), not a missing resource. */
export async function assertGroupOnPage(tx: Db, pageId: string, groupId: string | null): Promise<void> {
  if (groupId === null) return;
  const [row] = isIdShape(groupId, "spg")
    ? await tx
        .select({ id: statusPageGroups.id })
        .from(statusPageGroups)
        .where(and(eq(statusPageGroups.id, groupId), eq(statusPageGroups.pageId, pageId)))
    : [];
  if (!row) throw validationError([{ path: "groupId", message: "No such group on this status page." }]);
}

/** Components map to services of the catalog; an unknown slug is refused rather than registered. */
export async function assertServicesKnown(tx: Db, slugs: string[]): Promise<void> {
  if (slugs.length === 0) return;
  const rows = await tx.select({ slug: services.slug }).from(services).where(inArray(services.slug, slugs));
  const known = new Set(rows.map((row) => row.slug));
  const errors = slugs.flatMap((slug, index) =>
    known.has(slug) ? [] : [{ path: `services.${index}`, message: `No service "${slug}" in the catalog.` }],
  );
  if (errors.length) throw validationError(errors);
}

export async function replaceServices(tx: Db, componentId: string, slugs: string[]): Promise<void> {
  await tx
    .delete(statusPageComponentServices)
    .where(eq(statusPageComponentServices.componentId, componentId));
  if (slugs.length)
    await tx
      .insert(statusPageComponentServices)
      .values(slugs.map((serviceSlug) => ({ componentId, serviceSlug })));
}

export async function servicesOf(tx: Db, componentId: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: statusPageComponentServices.serviceSlug })
    .from(statusPageComponentServices)
    .where(eq(statusPageComponentServices.componentId, componentId));
  return rows.map((row) => row.slug).sort();
}

/** The next position at the end of a page's list. */
export async function nextPosition(
  tx: Db,
  table: typeof statusPageComponents | typeof statusPageGroups,
  pageId: string,
): Promise<number> {
  const [row] = await tx
    .select({ last: max(table.position) })
    .from(table)
    .where(eq(table.pageId, pageId));
  return (row?.last ?? -1) + 1;
}

export const componentAudit = (row: ComponentRow, serviceSlugs: string[]) => ({
  name: row.name,
  description: row.description,
  groupId: row.groupId,
  status: row.status,
  services: serviceSlugs,
});

export const componentTarget = (row: { id: string; name: string }): AuditTarget => ({
  type: "status_component",
  id: row.id,
  name: row.name,
});

export const groupTarget = (row: { id: string; name: string }): AuditTarget => ({
  type: "status_group",
  id: row.id,
  name: row.name,
});

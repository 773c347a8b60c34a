import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageComponentServices, statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { orderedComponents } from "./build-snapshot";
import { pageHeadline } from "./headline";
import type { StatusPageRow } from "./lock-status-page";
import type { ComponentStatus, StatusPageView, Visibility } from "./schemas";
import { isIdShape } from "./status-page-ids";

/** A page as its editors see it: components with the services they stand for. */
export async function statusPageView(db: Db, page: StatusPageRow): Promise<StatusPageView> {
  const { groups, components } = await orderedComponents(db, page.id);
  const mapped = components.length
    ? await db
        .select()
        .from(statusPageComponentServices)
        .where(
          inArray(
            statusPageComponentServices.componentId,
            components.map((c) => c.id),
          ),
        )
        .orderBy(asc(statusPageComponentServices.serviceSlug))
    : [];
  return {
    id: page.id,
    name: page.name,
    slug: page.slug,
    logoUrl: page.logoUrl,
    timeZone: page.timeZone,
    isDefault: page.isDefault,
    visibility: page.visibility as Visibility,
    revision: page.revision,
    headline: pageHeadline(components.map((c) => c.status as ComponentStatus)).headline,
    groups: groups.map((g) => ({ id: g.id, name: g.name, position: g.position })),
    components: components.map((c) => ({
      id: c.id,
      groupId: c.groupId,
      name: c.name,
      description: c.description,
      position: c.position,
      status: c.status as ComponentStatus,
      services: mapped.filter((m) => m.componentId === c.id).map((m) => m.serviceSlug),
    })),
    createdAt: page.createdAt,
    updatedAt: page.updatedAt,
  };
}

export async function getStatusPage(db: Db, actor: Actor, id: string): Promise<StatusPageView> {
  authorize(actor, "status-pages.read");
  if (!isIdShape(id, "sp")) throw notFound("Status page");
  const [page] = await db.select().from(statusPages).where(eq(statusPages.id, id));
  if (!page) throw notFound(`Status page ${id}`);
  return statusPageView(db, page);
}

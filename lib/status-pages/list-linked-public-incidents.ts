import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { publicIncidentComponents, publicIncidents, statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { assertIncidentIdShape } from "@/lib/incidents/lock-incident";
import { authorize } from "@/lib/permissions";
import { orderedComponents } from "./build-snapshot";
import { publicIncidentView } from "./get-public-incident";
import type { LinkedPublicIncident } from "./composer-types";
import type { ComponentStatus } from "./schemas";

/** The public incidents told about an internal incident, newest first, as the incident page shows them. */
export async function listLinkedPublicIncidents(
  db: Db,
  actor: Actor,
  incidentId: string,
): Promise<LinkedPublicIncident[]> {
  authorize(actor, "status-pages.read");
  assertIncidentIdShape(incidentId);
  const rows = await db
    .select({
      id: publicIncidents.id,
      page: {
        id: statusPages.id,
        name: statusPages.name,
        slug: statusPages.slug,
        timeZone: statusPages.timeZone,
      },
    })
    .from(publicIncidents)
    .innerJoin(statusPages, eq(statusPages.id, publicIncidents.pageId))
    .where(eq(publicIncidents.incidentId, incidentId))
    .orderBy(desc(publicIncidents.createdAt), desc(publicIncidents.id))
    .limit(20);
  if (rows.length === 0) return [];
  const named = await db
    .select()
    .from(publicIncidentComponents)
    .where(
      inArray(
        publicIncidentComponents.publicIncidentId,
        rows.map((row) => row.id),
      ),
    );
  return Promise.all(
    rows.map(async (row) => {
      const [view, { components }] = await Promise.all([
        publicIncidentView(db, row.id),
        orderedComponents(db, row.page.id),
      ]);
      const statusOf = new Map(
        named.filter((n) => n.publicIncidentId === row.id).map((n) => [n.componentId, n.status]),
      );
      return {
        ...view,
        page: row.page,
        components: components.map((c) => ({
          id: c.id,
          name: c.name,
          status: (statusOf.get(c.id) as ComponentStatus | undefined) ?? null,
        })),
      };
    }),
  );
}

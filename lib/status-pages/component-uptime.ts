import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentImpacts, publicIncidents } from "@/db/status-pages-schema";
import type { ComponentUptime } from "./public-snapshot";
import type { ComponentStatus } from "./schemas";
import { computeUptime, UPTIME_DAYS } from "./uptime";

/**
 * Each component's uptime bars and percentage, for the snapshot (build-snapshot.ts): its impact
 * intervals that reach into the window, with the titles of the page's public incidents behind them.
 */
export async function componentUptimes(
  tx: Db,
  pageId: string,
  timeZone: string,
  components: { id: string; createdAt: Date }[],
  now: Date,
): Promise<Map<string, ComponentUptime>> {
  if (components.length === 0) return new Map();
  // Two days more than the window: whatever the zone's offset, its first local day starts after this.
  const since = new Date(now.getTime() - (UPTIME_DAYS + 2) * 86_400_000);
  const rows = await tx
    .select({
      componentId: componentImpacts.componentId,
      status: componentImpacts.status,
      startedAt: componentImpacts.startedAt,
      endedAt: componentImpacts.endedAt,
      publicIncidentId: componentImpacts.publicIncidentId,
      title: publicIncidents.title,
    })
    .from(componentImpacts)
    .leftJoin(
      publicIncidents,
      and(eq(publicIncidents.id, componentImpacts.publicIncidentId), eq(publicIncidents.pageId, pageId)),
    )
    .where(
      and(
        inArray(
          componentImpacts.componentId,
          components.map((component) => component.id),
        ),
        lte(componentImpacts.startedAt, now),
        or(isNull(componentImpacts.endedAt), gt(componentImpacts.endedAt, since)),
      ),
    );
  const titles = new Map(
    rows.flatMap((row) => (row.publicIncidentId && row.title ? [[row.publicIncidentId, row.title]] : [])),
  );
  return new Map(
    components.map((component) => [
      component.id,
      computeUptime({
        createdAt: component.createdAt,
        impacts: rows
          .filter((row) => row.componentId === component.id)
          .map((row) => ({ ...row, status: row.status as ComponentStatus })),
        titles,
        now,
        timeZone,
      }),
    ]),
  );
}

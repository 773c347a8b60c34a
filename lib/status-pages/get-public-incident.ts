import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { publicIncidents, publicIncidentUpdates } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { countMailsByKeyPrefix } from "@/lib/mail/count-mails";
import { authorize } from "@/lib/permissions";
import { countHookDeliveries } from "./hook-subscriber-view";
import { updateMailPrefix } from "./mail-update-job-spec";
import type { ComponentStatus, PublicIncidentView, PublicPhase } from "./schemas";
import { isIdShape } from "./status-page-ids";

export async function publicIncidentView(db: Db, id: string): Promise<PublicIncidentView> {
  const [incident] = await db.select().from(publicIncidents).where(eq(publicIncidents.id, id));
  if (!incident) throw notFound(`Public incident ${id}`);
  const updates = await db
    .select()
    .from(publicIncidentUpdates)
    .where(eq(publicIncidentUpdates.publicIncidentId, id))
    .orderBy(desc(publicIncidentUpdates.createdAt), desc(publicIncidentUpdates.id));
  const delivery = await countMailsByKeyPrefix(
    db,
    updates.map((update) => updateMailPrefix(update.id)),
  );
  const hookDelivery = await countHookDeliveries(
    db,
    "updateId",
    updates.map((update) => update.id),
  );
  return {
    id: incident.id,
    pageId: incident.pageId,
    incidentId: incident.incidentId,
    title: incident.title,
    phase: incident.phase as PublicPhase,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    resolvedAt: incident.resolvedAt,
    updates: updates.map((update) => ({
      id: update.id,
      phase: update.phase as PublicPhase,
      title: update.title,
      body: update.body,
      components: update.componentStatuses.map((c) => ({
        componentId: c.componentId,
        status: c.status as ComponentStatus,
      })),
      createdBy: update.createdBy,
      createdAt: update.createdAt,
      delivery: delivery.get(updateMailPrefix(update.id))!,
      hookDelivery: hookDelivery.get(update.id)!,
    })),
  };
}

export async function getPublicIncident(
  db: Db,
  actor: Actor,
  pageId: string,
  id: string,
): Promise<PublicIncidentView> {
  authorize(actor, "status-pages.read");
  if (!isIdShape(id, "pi")) throw notFound("Public incident");
  const view = await publicIncidentView(db, id);
  if (view.pageId !== pageId) throw notFound(`Public incident ${id}`);
  return view;
}

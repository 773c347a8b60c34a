import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { publicIncidentComponents, publicIncidents, publicIncidentUpdates } from "@/db/status-pages-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, notFound } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { announcePublicIncident } from "./announce-public-incident";
import { rebuildSnapshot } from "./build-snapshot";
import { type ComponentRow, componentsOfPage, recomputeComponents } from "./component-statuses";
import { publicIncidentView } from "./get-public-incident";
import { lockStatusPage } from "./lock-status-page";
import { PostPublicUpdateInput, type PublicIncidentView } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";
import { isIdShape, newStatusPageId } from "./status-page-ids";

/**
 * A new update of a public incident: its phase, text and the statuses of the components it names.
 * Each component then shows the worst status any open public incident gives it; resolving returns
 * the incident's components to operational unless another open incident still holds them. A
 * resolved public incident takes no further updates (422): a new problem is a new incident.
 */
export async function postPublicUpdate(
  db: Db,
  actor: Actor,
  pageId: string,
  publicIncidentId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<PublicIncidentView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(PostPublicUpdateInput, rawInput);
  if (!isIdShape(publicIncidentId, "pi")) throw notFound("Public incident");
  const snapshot = await runTransaction(db, async (tx) => {
    // Read unlocked only to learn which internal incident to lock first (the lock order of every command).
    const [seen] = await tx
      .select({ incidentId: publicIncidents.incidentId })
      .from(publicIncidents)
      .where(and(eq(publicIncidents.id, publicIncidentId), eq(publicIncidents.pageId, pageId)));
    if (!seen) throw notFound(`Public incident ${publicIncidentId}`);
    const incident = seen.incidentId ? await lockIncident(tx, seen.incidentId) : null;
    const page = await lockStatusPage(tx, pageId);
    const [current] = await tx
      .select()
      .from(publicIncidents)
      .where(eq(publicIncidents.id, publicIncidentId))
      .for("update");
    if (current.resolvedAt)
      throw new DomainError(
        "invalid_transition",
        `Public incident ${publicIncidentId} is resolved and takes no further updates; publish a new one.`,
      );
    const now = clock(options);
    const named = await componentsOfPage(
      tx,
      pageId,
      input.components.map((c) => c.componentId),
      (index) => `components.${index}.componentId`,
    );
    const resolving = input.phase === "resolved";
    const title = input.title ?? current.title;
    const [updated] = await tx
      .update(publicIncidents)
      .set({ title, phase: input.phase, updatedAt: now, ...(resolving ? { resolvedAt: now } : {}) })
      .where(eq(publicIncidents.id, publicIncidentId))
      .returning();
    const updateId = newStatusPageId("pu");
    await tx.insert(publicIncidentUpdates).values({
      id: updateId,
      publicIncidentId,
      phase: input.phase,
      title,
      body: input.body,
      componentStatuses: input.components,
      createdBy: actorLabel(actor),
      createdAt: now,
    });
    if (input.components.length)
      await tx
        .insert(publicIncidentComponents)
        .values(input.components.map((c) => ({ publicIncidentId, ...c })))
        .onConflictDoUpdate({
          target: [publicIncidentComponents.publicIncidentId, publicIncidentComponents.componentId],
          set: { status: sql`excluded.status` },
        });
    // Every component the incident ever touched is recomputed: on resolution they all may recover.
    const touched = await componentsOfIncident(tx, pageId, publicIncidentId);
    await recomputeComponents(tx, uniqueById([...named, ...touched]), now);
    await recordAuditEvent(tx, actor, {
      action: "public_incident.updated",
      target: { type: "public_incident", id: updated.id, name: updated.title },
      before: { title: current.title, phase: current.phase },
      after: { title: updated.title, phase: updated.phase, components: input.components },
    });
    await announcePublicIncident(
      tx,
      actor,
      incident,
      resolving ? "public_incident_resolved" : "public_incident_updated",
      { publicIncidentId, pageId, title, phase: input.phase, updateId },
      now,
    );
    return rebuildSnapshot(tx, page, now);
  });
  rememberSnapshots(db, [snapshot]);
  return publicIncidentView(db, publicIncidentId);
}

async function componentsOfIncident(
  tx: Db,
  pageId: string,
  publicIncidentId: string,
): Promise<ComponentRow[]> {
  const rows = await tx
    .select({ componentId: publicIncidentComponents.componentId })
    .from(publicIncidentComponents)
    .where(eq(publicIncidentComponents.publicIncidentId, publicIncidentId));
  return componentsOfPage(
    tx,
    pageId,
    rows.map((row) => row.componentId),
    () => "components",
  );
}

const uniqueById = (rows: ComponentRow[]) => [...new Map(rows.map((row) => [row.id, row])).values()];

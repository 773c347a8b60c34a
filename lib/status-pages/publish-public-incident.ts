import type { Db } from "@/db/client";
import { publicIncidentComponents, publicIncidents, publicIncidentUpdates } from "@/db/status-pages-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, validationError } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { announcePublicIncident } from "./announce-public-incident";
import { rebuildSnapshot } from "./build-snapshot";
import { componentsOfPage, recomputeComponents } from "./component-statuses";
import { publicIncidentView } from "./get-public-incident";
import { lockStatusPage } from "./lock-status-page";
import { PublishPublicIncidentInput, type PublicIncidentView } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";
import { newStatusPageId } from "./status-page-ids";

/** The internal incident a body names, locked; one that does not exist is the body's mistake (422). */
async function lockLinkedIncident(tx: Db, incidentId: string) {
  try {
    return await lockIncident(tx, incidentId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found")
      throw validationError([{ path: "incidentId", message: `No incident ${incidentId}.` }]);
    throw error;
  }
}

/**
 * Publishes a public incident with its first update. Linked to an internal incident, that incident is
 * locked first (then the page) and its timeline says "Published to the status page: <title>".
 * Nothing of the internal incident is copied: customers see only what this input says.
 */
export async function publishPublicIncident(
  db: Db,
  actor: Actor,
  pageId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<PublicIncidentView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(PublishPublicIncidentInput, rawInput);
  const { id, snapshot } = await runTransaction(db, async (tx) => {
    const incident = input.incidentId ? await lockLinkedIncident(tx, input.incidentId) : null;
    const page = await lockStatusPage(tx, pageId);
    const now = clock(options);
    const components = await componentsOfPage(
      tx,
      pageId,
      input.components.map((c) => c.componentId),
      (index) => `components.${index}.componentId`,
    );
    const resolved = input.phase === "resolved";
    const [row] = await tx
      .insert(publicIncidents)
      .values({
        id: newStatusPageId("pi"),
        pageId,
        incidentId: incident?.id ?? null,
        title: input.title,
        phase: input.phase,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
        resolvedAt: resolved ? now : null,
      })
      .returning();
    const updateId = newStatusPageId("pu");
    await tx.insert(publicIncidentUpdates).values({
      id: updateId,
      publicIncidentId: row.id,
      phase: input.phase,
      title: input.title,
      body: input.body,
      componentStatuses: input.components,
      createdBy: actorLabel(actor),
      createdAt: now,
    });
    if (input.components.length)
      await tx
        .insert(publicIncidentComponents)
        .values(input.components.map((c) => ({ publicIncidentId: row.id, ...c })));
    await recomputeComponents(tx, components, now);
    await recordAuditEvent(tx, actor, {
      action: "public_incident.created",
      target: { type: "public_incident", id: row.id, name: row.title },
      after: {
        pageId,
        incidentId: row.incidentId,
        title: row.title,
        phase: row.phase,
        components: input.components,
      },
    });
    const data = { publicIncidentId: row.id, pageId, title: row.title, phase: row.phase, updateId };
    await announcePublicIncident(tx, actor, incident, "public_incident_created", data, now);
    if (resolved) await announcePublicIncident(tx, actor, incident, "public_incident_resolved", data, now);
    return { id: row.id, snapshot: await rebuildSnapshot(tx, page, now) };
  });
  rememberSnapshots(db, [snapshot]);
  return publicIncidentView(db, id);
}

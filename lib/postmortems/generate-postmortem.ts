import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, type MetricSnapshot, postmortems } from "@/db/postmortems-schema";
import { timelineEntries } from "@/db/incidents-schema";
import { users } from "@/db/core-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { getIncident } from "@/lib/incidents/get-incident";
import { toTimelineView } from "@/lib/incidents/list-timeline";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import { getIncidentHealth } from "@/lib/telemetry/get-incident-health";
import { buildSections, mergeSections, renderMarkdown, type ActionItemLine } from "./build-sections";
import { linkedAlertFacts } from "./linked-alert-facts";

export type PostmortemRow = typeof postmortems.$inferSelect;

// Reads run with the system's eyes: generation happens on behalf of whoever resolved the incident.
const reader: Actor = { type: "system", name: "postmortem-generator", role: "viewer" };

export async function listActionItemLines(tx: Db, incidentId: string): Promise<ActionItemLine[]> {
  return tx
    .select({
      id: actionItems.id,
      title: actionItems.title,
      status: actionItems.status,
      priority: actionItems.priority,
      ownerName: users.name,
      dueDate: actionItems.dueDate,
    })
    .from(actionItems)
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(eq(actionItems.incidentId, incidentId))
    .orderBy(asc(actionItems.id));
}

/** The incident, its whole timeline, its action items and its health series, read inside `tx`. */
async function generate(tx: Db, incidentId: string, now: Date) {
  const incident = await getIncident(tx, reader, incidentId);
  const timeline = (
    await tx
      .select()
      .from(timelineEntries)
      .where(eq(timelineEntries.incidentId, incidentId))
      .orderBy(asc(timelineEntries.id))
  ).map(toTimelineView);
  const health = await getIncidentHealth(tx, reader, incident, { now });
  const snapshot: MetricSnapshot = {
    from: health.from,
    to: health.to,
    bucketMinutes: health.bucketMinutes,
    capturedAt: now.toISOString(),
    services: health.services,
  };
  const items = await listActionItemLines(tx, incidentId);
  const alerts = await linkedAlertFacts(
    tx,
    incident.links.filter((l) => l.type === "alert").map((l) => l.targetId),
  );
  return { snapshot, sections: buildSections({ incident, timeline, snapshot, actionItems: items, alerts }) };
}

/**
 * Creates the incident's postmortem, or refreshes the generated sections nobody has edited (and the
 * metric snapshot) when one exists. The caller holds the incident's row lock, so two generations for
 * one incident cannot both insert; the unique incident_id would refuse the second anyway.
 * A published postmortem is left alone: it is read-only.
 */
export async function generatePostmortem(
  tx: Db,
  actor: Actor,
  incidentId: string,
  now: Date,
  options: { automatic: boolean },
): Promise<PostmortemRow> {
  const [existing] = await tx
    .select()
    .from(postmortems)
    .where(eq(postmortems.incidentId, incidentId))
    .for("update");
  if (existing?.status === "published") return existing;
  const { snapshot, sections } = await generate(tx, incidentId, now);
  if (existing) {
    const merged = mergeSections(existing.sections, sections);
    const [row] = await tx
      .update(postmortems)
      .set({
        sections: merged,
        markdown: renderMarkdown(merged),
        metricSnapshot: snapshot,
        version: existing.version + 1,
        updatedAt: now,
      })
      .where(eq(postmortems.id, existing.id))
      .returning();
    const refreshed = merged
      .filter((s, i) => !s.edited && s.text !== existing.sections[i]?.text)
      .map((s) => s.key);
    await appendTimeline(
      tx,
      incidentId,
      actor,
      [{ kind: "postmortem_refreshed", data: { postmortemId: row.id, sections: refreshed } }],
      now,
    );
    return row;
  }
  const merged = mergeSections([], sections);
  const [row] = await tx
    .insert(postmortems)
    .values({
      incidentId,
      status: "draft",
      sections: merged,
      markdown: renderMarkdown(merged),
      metricSnapshot: snapshot,
      createdBy: actorLabel(actor),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await appendTimeline(
    tx,
    incidentId,
    actor,
    [{ kind: "postmortem_created", data: { postmortemId: row.id, automatic: options.automatic } }],
    now,
  );
  return row;
}

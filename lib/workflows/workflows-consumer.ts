import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { errorGroups } from "@/db/errors-schema";
import { incidents, incidentServices } from "@/db/incidents-schema";
import { workflows } from "@/db/workflows-schema";
import { defineEventConsumer } from "@/lib/events/consumers";
import { EVENT_TYPES, type EventType, isEventType, type StoredEvent } from "@/lib/events/event-types";
import { runWorkflowsForEvent } from "./run-workflows-for-event";
import type { Trigger, WorkflowEvent } from "./schemas";
import { alertSubject, errorGroupSubject } from "./workflow-subjects";

export const WORKFLOWS_CONSUMER = "workflows.run";

const TRIGGER_OF: Partial<Record<EventType, Trigger>> = {
  "alert.fired": "alert_fired",
  "alert.resolved": "alert_resolved",
  "incident.declared": "incident_declared",
  "incident.status_changed": "incident_status_changed",
  "error_group.created": "error_group_created",
};

type Subject = WorkflowEvent["subject"];

/**
 * The workflow's view of an outbox event, read from the current row (the payload is a snapshot of
 * what changed, not the whole subject). Null when the subject no longer exists: nothing to act on.
 */
export async function workflowEventFromOutbox(tx: Db, event: StoredEvent): Promise<WorkflowEvent | null> {
  const trigger = isEventType(event.type) ? TRIGGER_OF[event.type] : undefined;
  if (!trigger) return null;
  const subject = await loadSubject(tx, trigger, event);
  // The outbox id is the stable key: a redelivered or replayed event runs no workflow twice.
  return subject ? { id: `event:${event.id}`, trigger, subject } : null;
}

async function loadSubject(tx: Db, trigger: Trigger, event: StoredEvent): Promise<Subject | null> {
  if (trigger === "alert_fired" || trigger === "alert_resolved") {
    const [alert] = await tx.select().from(alerts).where(eq(alerts.id, event.subjectId));
    return alert ? alertSubject(alert) : null;
  }
  if (trigger === "error_group_created") {
    const [group] = await tx.select().from(errorGroups).where(eq(errorGroups.id, event.subjectId));
    return group ? errorGroupSubject(group) : null;
  }
  const incidentId = event.incidentId ?? event.subjectId;
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) return null;
  const services = await tx
    .select({ slug: incidentServices.serviceSlug })
    .from(incidentServices)
    .where(eq(incidentServices.incidentId, incident.id))
    .orderBy(asc(incidentServices.serviceSlug));
  return {
    title: incident.title,
    severity: incident.severity,
    service: services.map((s) => s.slug),
    environment: incident.environment,
    source: incident.source,
    incidentId: incident.id,
    startedAt: incident.impactStartedAt.toISOString(),
  };
}

/**
 * Runs inside the consumer's transaction (each workflow in a savepoint): the consumption mark, the
 * run rows and what the actions did commit together. Running after the mark's commit would lose the
 * workflows when the worker dies in between, since the mark says "done" and no retry comes.
 */
export async function runWorkflowsForOutboxEvent(tx: Db, event: StoredEvent): Promise<void> {
  const workflowEvent = await workflowEventFromOutbox(tx, event);
  if (workflowEvent) await runWorkflowsForEvent(tx, workflowEvent);
}

/** The event types some enabled workflow is triggered by. */
export async function workflowEventTypes(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ trigger: workflows.trigger })
    .from(workflows)
    .where(eq(workflows.enabled, true));
  const triggers = new Set<string>(rows.map((row) => row.trigger));
  return new Set(
    Object.entries(TRIGGER_OF).flatMap(([type, trigger]) => (triggers.has(trigger) ? [type] : [])),
  );
}

export const workflowsConsumer = defineEventConsumer({
  name: WORKFLOWS_CONSUMER,
  types: EVENT_TYPES.filter((type) => TRIGGER_OF[type]),
  consume: runWorkflowsForOutboxEvent,
  interest: workflowEventTypes,
});

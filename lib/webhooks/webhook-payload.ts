import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { incidents } from "@/db/incidents-schema";
import { users } from "@/db/core-schema";
import type { StoredEvent } from "@/lib/events/event-types";
import { alertUrl, incidentUrl } from "./app-url";

export type IncidentSummary = {
  id: string;
  title: string;
  severity: string;
  status: string;
  commander: { id: string; name: string } | null;
  url: string;
};
export type AlertSummary = {
  id: string;
  title: string;
  severity: string;
  status: string;
  service: string | null;
  environment: string;
  url: string;
};

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
export type WebhookBody = { type: string; timestamp: string; data: Record<string, unknown> };

export async function incidentSummary(db: Db, id: string): Promise<IncidentSummary | null> {
  const [row] = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      commanderId: incidents.commanderId,
      commanderName: users.name,
    })
    .from(incidents)
    .leftJoin(users, eq(users.id, incidents.commanderId))
    .where(eq(incidents.id, id));
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    commander: row.commanderId ? { id: row.commanderId, name: row.commanderName ?? row.commanderId } : null,
    url: incidentUrl(row.id),
  };
}

async function alertSummary(db: Db, id: string): Promise<AlertSummary | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    service: row.service,
    environment: row.environment,
    url: alertUrl(row.id),
  };
}

/**
 * What a receiver gets for an outbox event: the subject as it is now (an incident's title, severity,
 * status, commander and page URL; or the alert), plus the event's own payload under `changes` — what
 * this event changed (from/to, the update's message, …). Read once at fan-out, so every retry sends
 * the same body.
 */
export async function webhookBodyForEvent(db: Db, event: StoredEvent): Promise<WebhookBody> {
  const data: Record<string, unknown> = { eventId: event.id, actor: event.actor, subjectId: event.subjectId };
  if (event.incidentId) data.incident = await incidentSummary(db, event.incidentId);
  if (event.type.startsWith("alert.")) data.alert = await alertSummary(db, event.subjectId);
  data.changes = event.payload;
  return { type: event.type, timestamp: event.createdAt.toISOString(), data };
}

import type { Db } from "@/db/client";
import { alertEvents } from "@/db/schema";
import type { AlertEventKind } from "./schemas";

export type AlertEventSubject = { id: string; dedupKey: string; source: string; service: string | null; environment: string; severity: string; status: string };

/**
 * The one place where an alert's change of state is recorded (fired, repeated, acknowledged,
 * resolved), always inside the transaction that made the change. It writes the alert's history
 * row; the domain event for the outbox (lib/events) belongs here too, so an "alert fired" or
 * "alert resolved" is announced exactly when, and only if, the change commits.
 */
export async function recordAlertEvent(tx: Db, alert: AlertEventSubject, kind: AlertEventKind, at: Date, data: Record<string, unknown> = {}) {
  await tx.insert(alertEvents).values({ alertId: alert.id, kind, at, data });
}

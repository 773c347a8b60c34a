import type { Db } from "@/db/client";
import { alertEvents } from "@/db/alerts-schema";
import { recordEvent } from "@/lib/events/record-event";
import type { AlertEventKind } from "./schemas";

export type AlertEventSubject = {
  id: string;
  dedupKey: string;
  source: string;
  service: string | null;
  environment: string;
  severity: string;
  status: string;
};

/**
 * The one place where an alert's change of state is recorded (fired, repeated, acknowledged,
 * resolved), always inside the transaction that made the change: the alert's history row and,
 * for a change of state, the outbox event, so an "alert fired" or "alert resolved" is announced
 * exactly when, and only if, the change commits. A repeat only updates the history.
 */
export async function recordAlertEvent(
  tx: Db,
  alert: AlertEventSubject,
  kind: AlertEventKind,
  at: Date,
  data: Record<string, unknown> = {},
) {
  await tx.insert(alertEvents).values({ alertId: alert.id, kind, at, data });
  await announceAlertEvent(tx, alert, kind, at, data);
}

/**
 * The outbox half alone, for a caller that wrote the history row in its own statement (a firing
 * folds it into the alert's upsert: lib/alerts/ingest-alert.ts).
 */
export async function announceAlertEvent(
  tx: Db,
  alert: AlertEventSubject,
  kind: AlertEventKind,
  at: Date,
  data: Record<string, unknown> = {},
) {
  const type = OUTBOX_TYPE[kind];
  if (type) {
    await recordEvent(tx, {
      type,
      subjectId: alert.id,
      incidentId: null,
      payload: { alert, ...data },
      actor: `alert:${alert.source}`,
      createdAt: at,
    });
  }
}

const OUTBOX_TYPE: Partial<Record<AlertEventKind, "alert.fired" | "alert.acknowledged" | "alert.resolved">> =
  {
    fired: "alert.fired",
    acknowledged: "alert.acknowledged",
    resolved: "alert.resolved",
  };

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusMaintenanceComponents, statusMaintenances } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { EventType } from "@/lib/events/event-types";
import { recordEvents } from "@/lib/events/record-event";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { notFound } from "@/lib/errors";
import { rebuildSnapshot } from "./build-snapshot";
import { componentsOfPage, recomputeComponents } from "./component-statuses";
import { lockStatusPage, type StatusPageRow } from "./lock-status-page";
import { advanceMaintenanceJobSpec, type MaintenanceStep } from "./maintenance-job-specs";
import type { PublicSnapshot } from "./public-snapshot";
import { isIdShape } from "./status-page-ids";

export type MaintenanceRow = typeof statusMaintenances.$inferSelect;

/** Who moves a maintenance at its times (audit entries and events of the timers). */
export const MAINTENANCE_ACTOR: Actor = { type: "system", name: "maintenance", role: "responder" };

/** The page, then the maintenance, locked (the page first: the order of every change to a page). */
export async function lockMaintenance(
  tx: Db,
  pageId: string,
  maintenanceId: string,
): Promise<{ page: StatusPageRow; row: MaintenanceRow }> {
  if (!isIdShape(maintenanceId, "spm")) throw notFound("Maintenance");
  const page = await lockStatusPage(tx, pageId);
  const [row] = await tx
    .select()
    .from(statusMaintenances)
    .where(and(eq(statusMaintenances.id, maintenanceId), eq(statusMaintenances.pageId, pageId)))
    .for("update");
  if (!row) throw notFound(`Maintenance ${maintenanceId}`);
  return { page, row };
}

export async function maintenanceComponentIds(tx: Db, maintenanceId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: statusMaintenanceComponents.componentId })
    .from(statusMaintenanceComponents)
    .where(eq(statusMaintenanceComponents.maintenanceId, maintenanceId));
  return rows.map((row) => row.id).sort();
}

/** When the reminder is due, or null when there is none (0 minutes). */
export const reminderTime = (row: Pick<MaintenanceRow, "startsAt" | "remindMinutesBefore">) =>
  row.remindMinutesBefore > 0 ? new Date(row.startsAt.getTime() - row.remindMinutesBefore * 60_000) : null;

/**
 * Queues the maintenance's timers for its current window, in the caller's transaction. Timers of an
 * earlier window stay queued and find their `at` no longer matches. A reminder whose time has passed
 * is not queued: the mail of the scheduling said it all.
 */
export async function queueMaintenanceTimers(tx: Db, row: MaintenanceRow, now: Date): Promise<void> {
  const remindAt = reminderTime(row);
  const timers: { step: MaintenanceStep; at: Date }[] = [
    ...(remindAt && remindAt > now && !row.remindedAt ? [{ step: "remind" as const, at: remindAt }] : []),
    { step: "start", at: row.startsAt },
    { step: "end", at: row.endsAt },
  ];
  await enqueueJobs(
    tx,
    advanceMaintenanceJobSpec,
    timers.map(({ step, at }) => ({
      payload: { maintenanceId: row.id, step, at: at.toISOString() },
      startAfter: at,
    })),
  );
}

const EVENT_OF = {
  in_progress: "maintenance.started",
  completed: "maintenance.completed",
  cancelled: "maintenance.cancelled",
} as const satisfies Record<string, EventType>;
const AUDIT_OF = {
  in_progress: "status_maintenance.started",
  completed: "status_maintenance.completed",
  cancelled: "status_maintenance.cancelled",
} as const;

/**
 * Moves a locked maintenance on (the caller checked the move is allowed): its row, its components'
 * statuses (under maintenance while in progress, what they would be otherwise after), the audit
 * entry, the event its subscribers' mails come from, and the page's snapshot, all in `tx`.
 */
export async function moveMaintenance(
  tx: Db,
  actor: Actor,
  page: StatusPageRow,
  row: MaintenanceRow,
  to: keyof typeof EVENT_OF,
  now: Date,
): Promise<{ row: MaintenanceRow; snapshot: PublicSnapshot }> {
  const stamp =
    to === "in_progress"
      ? { startedAt: now }
      : to === "completed"
        ? { completedAt: now }
        : { cancelledAt: now };
  const [moved] = await tx
    .update(statusMaintenances)
    .set({ state: to, ...stamp, version: row.version + 1, updatedAt: now })
    .where(eq(statusMaintenances.id, row.id))
    .returning();
  if (row.state === "in_progress" || to === "in_progress") {
    const ids = await maintenanceComponentIds(tx, row.id);
    await recomputeComponents(tx, await componentsOfPage(tx, page.id, ids, () => "components"), now);
  }
  await recordAuditEvent(tx, actor, {
    action: AUDIT_OF[to],
    target: { type: "status_maintenance", id: row.id, name: row.title },
    before: { state: row.state },
    after: { state: to },
  });
  await recordMaintenanceEvent(tx, actor, EVENT_OF[to], moved, now);
  return { row: moved, snapshot: await rebuildSnapshot(tx, page, now) };
}

export async function recordMaintenanceEvent(
  tx: Db,
  actor: Actor,
  type: EventType,
  row: MaintenanceRow,
  now: Date,
): Promise<void> {
  await recordEvents(tx, [
    {
      type,
      subjectId: row.id,
      payload: { maintenanceId: row.id, pageId: row.pageId, title: row.title, state: row.state },
      actor,
      createdAt: now,
    },
  ]);
}

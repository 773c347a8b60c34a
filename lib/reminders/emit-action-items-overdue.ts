import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems } from "@/db/postmortems-schema";
import { incidents } from "@/db/incidents-schema";
import { users } from "@/db/core-schema";
import { reminderEmissions } from "@/db/reminders-schema";
import { isOverdue, todayIn } from "@/lib/action-items/overdue";
import { OPEN_STATUSES } from "@/lib/action-items/schemas";
import { runTransaction } from "@/lib/db/run-transaction";
import { recordEvent } from "@/lib/events/record-event";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { claimReminder, fireSafely } from "./claim-reminder";
import { reminderActor } from "./incident-facts";

/**
 * Due dates are calendar days and overdue depends on where the viewer is (lib/action-items/overdue.ts).
 * A server-side event has no viewer, so it uses the zone every API answer falls back to without one:
 * an item due on the 15th is announced once the 15th has ended in UTC.
 */
export const ACTION_ITEM_EVENT_TIME_ZONE = "UTC";

/**
 * Emits `action_item.overdue` once per open action item and due date: moving the due date later
 * and missing it again announces it again, reopening a done item with the same date does not.
 */
export async function emitActionItemsOverdue(db: Db, now: Date): Promise<number> {
  const today = todayIn(ACTION_ITEM_EVENT_TIME_ZONE, now);
  const candidates = await db
    .select({ id: actionItems.id })
    .from(actionItems)
    .where(
      and(
        inArray(actionItems.status, OPEN_STATUSES),
        isNotNull(actionItems.dueDate),
        lt(actionItems.dueDate, today),
        sql`not exists (select 1 from ${reminderEmissions} e where e.kind = 'action_item_overdue'
          and e.subject_id = ${actionItems.id}::text and e.period_key = ${actionItems.dueDate}::text)`,
      ),
    );
  let emitted = 0;
  for (const { id } of candidates) {
    if (await fireSafely(() => emitOne(db, id, now))) emitted++;
  }
  return emitted;
}

async function emitOne(db: Db, id: number, now: Date): Promise<boolean> {
  return runTransaction(db, async (tx) => {
    // The incident first, then the item: the order every action item command locks them in.
    const [ref] = await tx
      .select({ incidentId: actionItems.incidentId })
      .from(actionItems)
      .where(eq(actionItems.id, id));
    if (!ref) return false;
    await lockIncident(tx, ref.incidentId);
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, id)).for("update");
    if (!item?.dueDate || !isOverdue(item, ACTION_ITEM_EVENT_TIME_ZONE, now)) return false;
    if (!(await claimReminder(tx, "action_item_overdue", String(item.id), item.dueDate, now))) return false;
    const [incident] = await tx
      .select({ title: incidents.title, severity: incidents.severity, status: incidents.status })
      .from(incidents)
      .where(eq(incidents.id, item.incidentId));
    const [owner] = item.ownerId
      ? await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, item.ownerId))
      : [];
    await recordEvent(tx, {
      type: "action_item.overdue",
      incidentId: item.incidentId,
      subjectId: String(item.id),
      actor: reminderActor,
      createdAt: now,
      payload: {
        actionItemId: item.id,
        title: item.title,
        dueDate: item.dueDate,
        timeZone: ACTION_ITEM_EVENT_TIME_ZONE,
        priority: item.priority,
        status: item.status,
        owner: owner ?? null,
        ticketUrl: item.ticketUrl,
        incidentId: item.incidentId,
        incidentTitle: incident?.title ?? null,
        incidentSeverity: incident?.severity ?? null,
        url: `/action-items?incidentId=${encodeURIComponent(item.incidentId)}`,
      },
    });
    return true;
  });
}

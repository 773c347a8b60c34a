import type { Db } from "@/db/client";
import { emitActionItemsOverdue } from "./emit-action-items-overdue";
import { emitResponseTargetMissed } from "./emit-response-target-missed";
import { emitUpdateOverdue } from "./emit-update-overdue";
import { readUpdateIntervals } from "./reminder-settings";

export type ReminderRun = { updateOverdue: number; responseTargetMissed: number; actionItemsOverdue: number };

/**
 * One pass of every timer at `now` (the job passes the wall clock, tests a fake one). Each firing is
 * its own transaction holding the subject's lock and its unique claim, so a run that overlaps
 * another, on this instance or another, emits nothing twice.
 */
export async function runReminders(db: Db, now: Date): Promise<ReminderRun> {
  const intervals = await readUpdateIntervals(db);
  return {
    responseTargetMissed: await emitResponseTargetMissed(db, now),
    updateOverdue: await emitUpdateOverdue(db, intervals, now),
    actionItemsOverdue: await emitActionItemsOverdue(db, now),
  };
}

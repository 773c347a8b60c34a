import { logError } from "@/lib/log-error";
import type { Db } from "@/db/client";
import { reminderEmissions } from "@/db/reminders-schema";

export type ReminderKind = "update_overdue" | "response_target_missed" | "action_item_overdue";

/**
 * Claims one timer firing inside the caller's transaction. The primary key (kind, subject, period)
 * makes the claim unique: a concurrent run on any instance blocks on the same key and, once the
 * first commits, inserts nothing, so the event recorded in the same transaction exists once.
 */
export async function claimReminder(
  tx: Db,
  kind: ReminderKind,
  subjectId: string,
  periodKey: string,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(reminderEmissions)
    .values({ kind, subjectId, periodKey, createdAt: now })
    .onConflictDoNothing()
    .returning({ kind: reminderEmissions.kind });
  return inserted.length === 1;
}

/**
 * Runs one subject's firing. A failure there (a lock held past the timeout) is logged and must not
 * hold back the other subjects; its claim rolled back with it, so the next run tries again.
 */
export async function fireSafely(fire: () => Promise<boolean>): Promise<boolean> {
  try {
    return await fire();
  } catch (error) {
    logError("[reminders]", error);
    return false;
  }
}

import type { Db } from "@/db/client";
import { reminderEmissions } from "@/db/schema";

export type ReminderKind = "update_overdue" | "response_target_missed" | "action_item_overdue";

/**
 * Claims one timer firing inside the caller's transaction. The primary key (kind, subject, period)
 * makes the claim unique: a concurrent run on any instance blocks on the same key and, once the
 * first commits, inserts nothing, so the event recorded in the same transaction exists once.
 */
export async function claimReminder(tx: Db, kind: ReminderKind, subjectId: string, periodKey: string, now: Date): Promise<boolean> {
  const inserted = await tx
    .insert(reminderEmissions)
    .values({ kind, subjectId, periodKey, createdAt: now })
    .onConflictDoNothing()
    .returning({ kind: reminderEmissions.kind });
  return inserted.length === 1;
}

import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, notificationRules, pageNotifications } from "@/db/paging-schema";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { notifyJobSpec } from "./job-specs";
import type { PageRow } from "./page-log";
import { prepareNotification } from "./prepare-notification";

const MINUTE = 60_000;

/**
 * The person's notifications for this page, per their rules for its urgency ("email now, chat after a
 * minute"), or every verified method at once when they have none. Each is a row with a unique key (so
 * a step run twice queues nothing twice) and a job due at its time; the job checks the page again.
 * A mail due now is queued at once (the page was just checked, under its lock).
 */
export async function scheduleNotifications(
  tx: Db,
  page: PageRow,
  userId: string,
  seq: number,
  now: Date,
): Promise<{ method: string; delayMinutes: number }[]> {
  const methods = await tx
    .select()
    .from(contactMethods)
    .where(and(eq(contactMethods.userId, userId), isNotNull(contactMethods.verifiedAt)))
    .orderBy(asc(contactMethods.createdAt), asc(contactMethods.id));
  const rules = await tx
    .select({
      contactMethodId: notificationRules.contactMethodId,
      delayMinutes: notificationRules.delayMinutes,
    })
    .from(notificationRules)
    .where(and(eq(notificationRules.userId, userId), eq(notificationRules.urgency, page.urgency)))
    .orderBy(asc(notificationRules.delayMinutes), asc(notificationRules.id));
  const verified = new Map(methods.map((m) => [m.id, m]));
  const plan = rules.filter((r) => verified.has(r.contactMethodId));
  const chosen = plan.length ? plan : methods.map((m) => ({ contactMethodId: m.id, delayMinutes: 0 }));
  const scheduled: { method: string; delayMinutes: number }[] = [];
  for (const { contactMethodId, delayMinutes } of chosen) {
    const method = verified.get(contactMethodId)!;
    const dueAt = new Date(now.getTime() + delayMinutes * MINUTE);
    const [row] = await tx
      .insert(pageNotifications)
      .values({
        key: `page:${page.id}:seq:${seq}:user:${userId}:method:${contactMethodId}:after:${delayMinutes}`,
        pageId: page.id,
        userId,
        contactMethodId,
        method: method.type,
        dueAt,
        createdAt: now,
      })
      .onConflictDoNothing({ target: pageNotifications.key })
      .returning();
    if (!row) continue;
    // A mail due now is queued in this very transaction: one hop (the mail queue) from the page to
    // the SMTP server. A chat post waits for a commit, so it is a job woken by that commit.
    if (delayMinutes === 0 && method.type === "email")
      await prepareNotification(tx, row.id, now, { notification: row, page, method });
    else await enqueueJob(tx, notifyJobSpec, { notificationId: row.id }, { startAfter: dueAt });
    scheduled.push({ method: method.type, delayMinutes });
  }
  return scheduled;
}

import { and, asc, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, notificationRules, pageNotifications } from "@/db/paging-schema";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { notifyJobSpec } from "./job-specs";
import type { PageRow } from "./page-log";
import { mailNotifications } from "./prepare-notification";

const MINUTE = 60_000;

export type ScheduledMethod = { method: string; delayMinutes: number };
export type NotificationRequest = { page: PageRow; userId: string; seq: number };

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
): Promise<ScheduledMethod[]> {
  const [plan] = await scheduleNotificationsFor(tx, [{ page, userId, seq }], now);
  return plan;
}

/**
 * scheduleNotifications for many (page, person) pairs with a fixed number of statements, whatever
 * their count: an escalation step run for a thousand pages at once. Plans come back in request order.
 */
export async function scheduleNotificationsFor(
  tx: Db,
  requests: NotificationRequest[],
  now: Date,
): Promise<ScheduledMethod[][]> {
  if (requests.length === 0) return [];
  const userIds = [...new Set(requests.map((r) => r.userId))];
  const methods = await tx
    .select()
    .from(contactMethods)
    .where(and(inArray(contactMethods.userId, userIds), isNotNull(contactMethods.verifiedAt)))
    .orderBy(asc(contactMethods.createdAt), asc(contactMethods.id));
  const rules = await tx
    .select({
      userId: notificationRules.userId,
      urgency: notificationRules.urgency,
      contactMethodId: notificationRules.contactMethodId,
      delayMinutes: notificationRules.delayMinutes,
    })
    .from(notificationRules)
    .where(inArray(notificationRules.userId, userIds))
    .orderBy(asc(notificationRules.delayMinutes), asc(notificationRules.id));
  const verified = new Map(methods.map((m) => [m.id, m]));
  const chosenFor = ({ page, userId }: NotificationRequest) => {
    const plan = rules.filter(
      (r) => r.userId === userId && r.urgency === page.urgency && verified.has(r.contactMethodId),
    );
    if (plan.length) return plan;
    return methods
      .filter((m) => m.userId === userId)
      .map((m) => ({ contactMethodId: m.id, delayMinutes: 0 }));
  };
  const wanted = requests.flatMap((request, index) =>
    chosenFor(request).map(({ contactMethodId, delayMinutes }) => ({
      index,
      request,
      method: verified.get(contactMethodId)!,
      delayMinutes,
      key: `page:${request.page.id}:seq:${request.seq}:user:${request.userId}:method:${contactMethodId}:after:${delayMinutes}`,
    })),
  );
  const inserted = wanted.length
    ? await tx
        .insert(pageNotifications)
        .values(
          wanted.map((w) => ({
            key: w.key,
            pageId: w.request.page.id,
            userId: w.request.userId,
            contactMethodId: w.method.id,
            method: w.method.type,
            dueAt: new Date(now.getTime() + w.delayMinutes * MINUTE),
            createdAt: now,
          })),
        )
        .onConflictDoNothing({ target: pageNotifications.key })
        .returning()
    : [];
  const byKey = new Map(inserted.map((row) => [row.key, row]));
  const fresh = wanted.flatMap((w) => (byKey.has(w.key) ? [{ ...w, notification: byKey.get(w.key)! }] : []));
  // A mail due now is queued in this very transaction: one hop (the mail queue) from the page to
  // the SMTP server. A chat post waits for a commit, so it is a job woken by that commit.
  const mailNow = (w: (typeof fresh)[number]) => w.delayMinutes === 0 && w.method.type === "email";
  await mailNotifications(
    tx,
    fresh
      .filter(mailNow)
      .map((w) => ({ notification: w.notification, page: w.request.page, method: w.method })),
    now,
  );
  await enqueueJobs(
    tx,
    notifyJobSpec,
    fresh
      .filter((w) => !mailNow(w))
      .map((w) => ({ payload: { notificationId: w.notification.id }, startAfter: w.notification.dueAt })),
  );
  const plans: ScheduledMethod[][] = requests.map(() => []);
  for (const w of fresh) plans[w.index].push({ method: w.method.type, delayMinutes: w.delayMinutes });
  return plans;
}

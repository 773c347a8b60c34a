import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, pageNotifications } from "@/db/paging-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { issueNotificationLinks, type NotificationLinks } from "./action-links";
import { lockPage } from "./change-page";
import { notifyJobSpec } from "./job-specs";
import type { PageRow } from "./page-log";

/** The mail of one page notification: what, how urgent, where to act. */
function pageMail(page: PageRow, to: string, links: NotificationLinks) {
  const urgent = page.urgency === "high" ? "[HIGH] " : "";
  // An incident page's title already leads with the incident's id.
  const subject = `${urgent}Paged: ${page.title}`.slice(0, 300);
  const text = [
    `You are paged${page.service ? ` for ${page.service}` : ""} (${page.urgency} urgency).`,
    "",
    page.title,
    "",
    `Acknowledge (stops the escalation): ${links.acknowledge}`,
    ...(links.resolve ? [`Resolve: ${links.resolve}`] : []),
    ...(links.open ? [`Open: ${links.open}`] : []),
    "",
    "The links are yours alone, work once, and expire in 24 hours; each asks you to confirm first.",
  ].join("\n");
  return { to, subject, text };
}

/**
 * Sends one due notification, unless the page was answered meanwhile. The row's status is the
 * paging panel's "delivered / failed"; the mail itself is the mail queue's (retries, its own log).
 */
export async function sendPageNotification(db: Db, notificationId: number, now: Date) {
  await runTransaction(db, async (tx) => {
    const [notification] = await tx
      .select()
      .from(pageNotifications)
      .where(eq(pageNotifications.id, notificationId))
      .for("update");
    if (!notification || notification.status !== "scheduled") return;
    const page = await lockPage(tx, notification.pageId);
    const finish = (status: string, detail: string) =>
      tx
        .update(pageNotifications)
        .set({ status, detail, sentAt: status === "sent" ? now : null })
        .where(eq(pageNotifications.id, notificationId));
    if (page.state !== "triggered")
      return finish("cancelled", `The page was ${page.state} before this was due.`);
    const [method] = notification.contactMethodId
      ? await tx.select().from(contactMethods).where(eq(contactMethods.id, notification.contactMethodId))
      : [];
    if (!method?.verifiedAt)
      return finish("failed", "The contact method was removed or is no longer verified.");
    if (method.type !== "email")
      return finish("failed", `Delivery by ${method.type} is not available on this server yet.`);
    const links = await issueNotificationLinks(tx, page, notification.userId, now);
    const mail = await enqueueMail(tx, pageMail(page, method.address, links), {
      key: `page-notification:${notificationId}`,
      thread: page.incidentId ? `incident:${page.incidentId}` : `page:${page.id}`,
      now,
    });
    return finish("sent", `Mail ${mail.id} to ${method.address}.`);
  });
}

export const notifyJob = defineJob(notifyJobSpec, async (data, { db }) => {
  await sendPageNotification(db, data.notificationId, new Date());
});

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, pageNotifications } from "@/db/paging-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { issueNotificationLinks, type NotificationLinks } from "./action-links";
import { lockPage } from "./change-page";
import { pageNotificationMessage } from "./contacts/chat-messages";
import { type ContactPostOptions, postToContact } from "./contacts/post-to-contact";
import type { ContactMethodType } from "./contacts/schemas";
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

const OPEN = new Set(["scheduled", "retrying"]);
const RETRY_LIMIT = notifyJobSpec.options.retryLimit ?? 0;

export type NotifyOptions = ContactPostOptions & {
  /** The queue's retry count of this run (0 = the first); the last run gives up instead of retrying. */
  retryCount?: number;
};
export type NotifyReport = { status: string; detail: string } | null;

type Post = { method: typeof contactMethods.$inferSelect; payload: unknown };

/**
 * Sends one due notification, unless the page was answered meanwhile. The row's status is the
 * paging panel's "delivered / retrying / failed". Mail is handed to the mail queue (its own retries
 * and log). A chat or webhook message is posted after this transaction commits (no HTTP wait while
 * the page is locked); a failed post is recorded as "retrying" and the job throws, so the queue runs
 * it again with backoff, checking the page again first, until its last run records "failed".
 */
export async function sendPageNotification(
  db: Db,
  notificationId: number,
  now: Date,
  options: NotifyOptions = {},
): Promise<NotifyReport> {
  const prepared = await runTransaction(db, async (tx): Promise<Post | NotifyReport> => {
    const [notification] = await tx
      .select()
      .from(pageNotifications)
      .where(eq(pageNotifications.id, notificationId))
      .for("update");
    if (!notification || !OPEN.has(notification.status)) return null;
    const page = await lockPage(tx, notification.pageId);
    const finish = async (status: string, detail: string) => {
      await tx
        .update(pageNotifications)
        .set({ status, detail, sentAt: status === "sent" ? now : null })
        .where(eq(pageNotifications.id, notificationId));
      return { status, detail };
    };
    if (page.state !== "triggered")
      return finish("cancelled", `The page was ${page.state} before this was due.`);
    const [method] = notification.contactMethodId
      ? await tx.select().from(contactMethods).where(eq(contactMethods.id, notification.contactMethodId))
      : [];
    if (!method?.verifiedAt)
      return finish("failed", "The contact method was removed or is no longer verified.");
    // Fresh links per attempt: only their hashes are stored, so a retry cannot reuse the last ones.
    const links = await issueNotificationLinks(tx, page, notification.userId, now);
    if (method.type !== "email")
      return { method, payload: pageNotificationMessage(method.type as ContactMethodType, page, links, now) };
    const mail = await enqueueMail(tx, pageMail(page, method.address, links), {
      key: `page-notification:${notificationId}`,
      thread: page.incidentId ? `incident:${page.incidentId}` : `page:${page.id}`,
      now,
    });
    return finish("sent", `Mail ${mail.id} to ${method.address}.`);
  });
  if (prepared === null || !("method" in prepared)) return prepared;

  const { method, payload } = prepared;
  const { outcome, statusCode } = await postToContact(method, payload, `pn_${notificationId}`, now, options);
  const run = (options.retryCount ?? 0) + 1;
  const finalRun = (options.retryCount ?? 0) >= RETRY_LIMIT;
  const host = new URL(method.address).host;
  const report: { status: string; detail: string } =
    outcome.kind === "delivered"
      ? { status: "sent", detail: `Posted to ${method.type} at ${host} (answered ${statusCode}).` }
      : outcome.kind === "permanent" || finalRun
        ? {
            status: "failed",
            detail: `${method.type} at ${host}, attempt ${run}: ${outcome.error}${outcome.kind === "retryable" ? " Gave up." : ""}`,
          }
        : { status: "retrying", detail: `${method.type} at ${host}, attempt ${run}: ${outcome.error}` };
  return runTransaction(db, async (tx) => {
    const [current] = await tx
      .select({ status: pageNotifications.status })
      .from(pageNotifications)
      .where(eq(pageNotifications.id, notificationId))
      .for("update");
    // Another run finished it meanwhile (a redelivered job): its record stands.
    if (!current || !OPEN.has(current.status)) return null;
    await tx
      .update(pageNotifications)
      .set({ ...report, sentAt: report.status === "sent" ? now : null })
      .where(eq(pageNotifications.id, notificationId));
    return report;
  });
}

export const notifyJob = defineJob(notifyJobSpec, async (data, { db, retryCount }) => {
  const report = await sendPageNotification(db, data.notificationId, new Date(), { retryCount });
  if (report?.status === "retrying")
    throw new Error(`Page notification ${data.notificationId} not delivered: ${report.detail}`);
});

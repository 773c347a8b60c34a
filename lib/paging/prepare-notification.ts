import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, pageNotifications } from "@/db/paging-schema";
import { enqueueMails } from "@/lib/mail/enqueue-mail";
import { issueNotificationLinks, issueNotificationLinksFor, type NotificationLinks } from "./action-links";
import { lockPage } from "./change-page";
import { pageNotificationMessage } from "./contacts/chat-messages";
import type { ContactMethodType } from "./contacts/schemas";
import type { PageRow } from "./page-log";

/** A notification the queue still has to deliver: due, or failed and waiting for its retry. */
export const OPEN_NOTIFICATION = new Set(["scheduled", "retrying"]);

/** Its row's status once its mail is queued: what the mail's own status then says (list-pages.ts). */
export const HANDED_TO_MAIL = "mailed";

type Notification = typeof pageNotifications.$inferSelect;
type ContactMethod = typeof contactMethods.$inferSelect;

export type NotifyReport = { status: string; detail: string } | null;
/** A chat or webhook message to post once the transaction has committed. */
export type NotificationPost = { method: typeof contactMethods.$inferSelect; payload: unknown };

/** The mail of one page notification: what, how urgent, where to act. */
export function pageMail(page: PageRow, to: string, links: NotificationLinks) {
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
 * The part of sending a notification that happens in the database, in the caller's transaction
 * (the notify job's; a step's mails due at once go through mailNotifications): unless the page was answered,
 * fresh action links, and for email the mail itself on the mail queue. A chat or webhook message
 * comes back as a post for after the commit (no HTTP wait while the page is locked).
 */
export async function prepareNotification(
  tx: Db,
  notificationId: number,
  now: Date,
): Promise<NotificationPost | NotifyReport> {
  const [notification] = await tx
    .select()
    .from(pageNotifications)
    .where(eq(pageNotifications.id, notificationId))
    .for("update");
  if (!notification || !OPEN_NOTIFICATION.has(notification.status)) return null;
  const page = await lockPage(tx, notification.pageId);
  const finish = async (status: string, detail: string) => {
    await tx
      .update(pageNotifications)
      .set({ status, detail, sentAt: status === "failed" || status === "cancelled" ? null : now })
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
  if (method.type === "email") {
    const [report] = await mailNotifications(tx, [{ notification, page, method }], now);
    return report;
  }
  // Fresh links per attempt: only their hashes are stored, so a retry cannot reuse the last ones.
  const links = await issueNotificationLinks(tx, page, notification.userId, now);
  return { method, payload: pageNotificationMessage(method.type as ContactMethodType, page, links, now) };
}

const mailDetail = (mailId: string, method: ContactMethod) => `Mail ${mailId} to ${method.address}.`;

/**
 * Puts the mails of open email notifications on the mail queue, with fresh action links each, and
 * marks the notifications handed to mail: a fixed number of statements for any number of them. The
 * caller holds their pages' locks and checked they are still triggered.
 */
export async function mailNotifications(
  tx: Db,
  items: { notification: Notification; page: PageRow; method: ContactMethod }[],
  now: Date,
): Promise<{ status: string; detail: string }[]> {
  if (items.length === 0) return [];
  const links = await issueNotificationLinksFor(
    tx,
    items.map(({ page, notification }) => ({ page, userId: notification.userId })),
    now,
  );
  const mails = await enqueueMails(
    tx,
    items.map(({ notification, page, method }, i) => ({
      input: pageMail(page, method.address, links[i]),
      options: {
        key: notificationMailKey(notification.id),
        thread: page.incidentId ? `incident:${page.incidentId}` : `page:${page.id}`,
        now,
      },
    })),
  );
  const details = items.map(({ method }, i) => mailDetail(mails[i].id, method));
  const detail = sql.join(
    items.map(({ notification }, i) => sql`when ${notification.id}::bigint then ${details[i]}::text`),
    sql` `,
  );
  await tx
    .update(pageNotifications)
    .set({ status: HANDED_TO_MAIL, sentAt: now, detail: sql`case ${pageNotifications.id} ${detail} end` })
    .where(
      inArray(
        pageNotifications.id,
        items.map(({ notification }) => notification.id),
      ),
    );
  return details.map((detail) => ({ status: HANDED_TO_MAIL, detail }));
}

/** The mail queue's key of a notification's mail: one mail per notification, however often prepared. */
export const notificationMailKey = (notificationId: number) => `page-notification:${notificationId}`;

import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { pageAssignments, pageLog, pageNotifications, pages } from "@/db/paging-schema";
import { type Actor, actorUserId } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { type MailDelivery, readMailDeliveries } from "@/lib/mail/mail-delivery";
import { isPageIdShape } from "./change-page";
import { HANDED_TO_MAIL, notificationMailKey } from "./prepare-notification";
import { type PageView, toPageView } from "./page-view";

export const ListPagesInput = z.strictObject({
  state: z.enum(["open", "triggered", "acknowledged", "resolved", "all"]).default("open"),
  user: z
    .string()
    .trim()
    .max(100)
    .optional()
    .meta({ description: "Only pages this user was asked to answer; `me` for yourself." }),
  incidentId: z.string().trim().max(64).optional(),
  alertId: z.string().trim().max(64).optional(),
});

/** Pages, newest first, with the caller's own (they were asked to answer) first. At most 200. */
export async function listPages(
  db: Db,
  actor: Actor,
  rawQuery: unknown,
): Promise<{ items: (PageView & { mine: boolean })[] }> {
  authorize(actor, "paging.read");
  const query = parseInput(ListPagesInput, rawQuery);
  const me = actorUserId(actor);
  const user = query.user === "me" ? me : query.user;
  const conditions = [
    query.state === "open"
      ? ne(pages.state, "resolved")
      : query.state === "all"
        ? undefined
        : eq(pages.state, query.state),
    query.incidentId ? eq(pages.incidentId, query.incidentId) : undefined,
    query.alertId ? eq(pages.alertId, query.alertId) : undefined,
    user
      ? inArray(
          pages.id,
          db
            .select({ id: pageAssignments.pageId })
            .from(pageAssignments)
            .where(eq(pageAssignments.userId, user)),
        )
      : query.user === "me"
        ? sql`false`
        : undefined,
  ];
  const rows = await db
    .select()
    .from(pages)
    .where(and(...conditions))
    .orderBy(desc(pages.createdAt), desc(pages.id))
    .limit(200);
  const mine =
    me && rows.length
      ? new Set(
          (
            await db
              .selectDistinct({ pageId: pageAssignments.pageId })
              .from(pageAssignments)
              .where(
                and(
                  eq(pageAssignments.userId, me),
                  inArray(
                    pageAssignments.pageId,
                    rows.map((r) => r.id),
                  ),
                ),
              )
          ).map((r) => r.pageId),
        )
      : new Set<string>();
  const items = rows.map((row) => ({ ...toPageView(row), mine: mine.has(row.id) }));
  return { items: [...items.filter((p) => p.mine), ...items.filter((p) => !p.mine)] };
}

/** One page with who was notified when and how, and everything that happened to it. */
export async function getPage(db: Db, actor: Actor, id: string) {
  authorize(actor, "paging.read");
  if (!isPageIdShape(id)) throw notFound("Page");
  const [row] = await db.select().from(pages).where(eq(pages.id, id));
  if (!row) throw notFound(`Page ${id}`);
  const [notifications, log] = await Promise.all([
    db.select().from(pageNotifications).where(eq(pageNotifications.pageId, id)).orderBy(pageNotifications.id),
    db.select().from(pageLog).where(eq(pageLog.pageId, id)).orderBy(pageLog.id),
  ]);
  const mails = await readMailDeliveries(
    db,
    notifications.filter((n) => n.status === HANDED_TO_MAIL).map((n) => notificationMailKey(n.id)),
  );
  return {
    ...toPageView(row),
    notifications: notifications.map((n) => ({
      id: n.id,
      userId: n.userId,
      method: n.method,
      ...notificationDelivery(n, mails.get(notificationMailKey(n.id))),
      dueAt: n.dueAt,
    })),
    log: log.map((entry) => ({ kind: entry.kind, actor: entry.actor, message: entry.message, at: entry.at })),
  };
}

const MAIL_DETAIL: Record<string, string> = {
  queued: "Queued for the mail server.",
  sending: "Being handed to the mail server.",
  sent: "Accepted by the mail server.",
  waiting: "Waiting for an earlier mail of its thread, which is not sent yet.",
};

/**
 * A mailed notification is as far as its mail got: "retrying" while the SMTP server is away (with
 * its last answer), "sent" once the server accepted it. Other methods' rows say it themselves.
 */
function notificationDelivery(
  n: typeof pageNotifications.$inferSelect,
  mail: MailDelivery | undefined,
): { status: string; detail: string; sentAt: Date | null } {
  if (n.status !== HANDED_TO_MAIL || !mail) return { status: n.status, detail: n.detail, sentAt: n.sentAt };
  const status = mail.status === "queued" || mail.status === "sending" ? "sending" : mail.status;
  const tries = mail.attempts > 1 ? ` (attempt ${mail.attempts})` : "";
  const why =
    mail.lastError && mail.status !== "sent" ? `${mail.lastError}${tries}` : MAIL_DETAIL[mail.status];
  return {
    status,
    detail: `${n.detail} ${why ?? ""}`.trim(),
    sentAt: mail.status === "sent" ? mail.sentAt : null,
  };
}

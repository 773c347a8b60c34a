import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { toMailListItem } from "./list-mailbox";
import type { MailMessageView } from "./schemas";

/** One mail with its headers and both parts, as sent (or as kept in the local mailbox). */
export async function getMailMessage(db: Db, actor: Actor, id: string): Promise<MailMessageView> {
  authorize(actor, "mail.read");
  if (!id || id.length > 64 || id.includes("\u0000")) throw notFound("Mail");
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  if (!row) throw notFound(`Mail ${id}`);
  return {
    ...toMailListItem(row),
    dedupeKey: row.dedupeKey,
    thread: row.thread,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    references: row.references,
    headers: row.headers,
    text: row.text,
    html: row.html,
    smtpResponse: row.smtpResponse,
    nextAttemptAt: row.nextAttemptAt,
  };
}

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { parseInput } from "@/lib/validation";
import { mailDomain, mailFrom, smtpUrl } from "./mail-config";
import { newMessageId, threadRootId } from "./message-id";
import { MailInput } from "./schemas";
import { sendMailJobSpec } from "./send-job-spec";

export type EnqueueMailOptions = {
  /** One notification, one key (`page:<id>:notify:<n>`): enqueued again, it is the same mail. */
  key: string;
  /** Mails of one thread (`incident:INC-2026-0001`) reply to one root Message-ID. */
  thread?: string;
  now?: Date;
};

export type EnqueuedMail = { id: string; messageId: string; status: string; created: boolean };

/**
 * Stores one mail and queues its sending, both in the caller's transaction: it is sent only if the
 * caller commits. The unique key makes a second enqueue of the same notification (a retried job, a
 * second instance) return the first mail instead of queueing another.
 */
export async function enqueueMail(
  tx: Db,
  input: MailInput,
  options: EnqueueMailOptions,
): Promise<EnqueuedMail> {
  const message = parseInput(MailInput, input);
  const domain = mailDomain();
  const root = options.thread ? threadRootId(options.thread, domain) : null;
  const [row] = await tx
    .insert(mailMessages)
    .values({
      id: `mail_${randomUUID().replaceAll("-", "")}`,
      dedupeKey: options.key,
      thread: options.thread ?? null,
      to: message.to,
      from: mailFrom(),
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      headers: message.headers ?? {},
      messageId: newMessageId(domain),
      inReplyTo: root,
      references: root,
      // What this instance would use now; the sending instance records what it really used.
      transport: smtpUrl() ? "smtp" : "mailbox",
      status: "queued",
      createdAt: options.now ?? new Date(),
    })
    .onConflictDoNothing({ target: mailMessages.dedupeKey })
    .returning({ id: mailMessages.id, messageId: mailMessages.messageId, status: mailMessages.status });
  if (row) {
    await enqueueJob(tx, sendMailJobSpec, { mailId: row.id });
    return { ...row, created: true };
  }
  const [existing] = await tx
    .select({ id: mailMessages.id, messageId: mailMessages.messageId, status: mailMessages.status })
    .from(mailMessages)
    .where(eq(mailMessages.dedupeKey, options.key));
  return { ...existing, created: false };
}

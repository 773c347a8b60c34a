import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { parseInput } from "@/lib/validation";
import { mailDomain, mailFrom, smtpUrl } from "./mail-config";
import { newMessageId, threadRootId } from "./message-id";
import { MailInput } from "./schemas";
import { SEND_BATCH_SIZE, sendMailBatchJobSpec, sendMailJobSpec } from "./send-job-spec";

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
  const [mail] = await enqueueMails(tx, [{ input, options }]);
  return mail;
}

/**
 * enqueueMail for many mails in three statements (their rows, their jobs, the existing ones of keys
 * seen before): an escalation step run for many pages at once mails everyone it reaches this way.
 * Answers in the order given. `bulk` queues their sending SEND_BATCH_SIZE mails to a job
 * (mail.send-batch): for a sender of thousands of mails at once, whose first mail is not urgent.
 */
export async function enqueueMails(
  tx: Db,
  mails: { input: MailInput; options: EnqueueMailOptions }[],
  { bulk = false }: { bulk?: boolean } = {},
): Promise<EnqueuedMail[]> {
  if (mails.length === 0) return [];
  const domain = mailDomain();
  const from = mailFrom();
  // What this instance would use now; the sending instance records what it really used.
  const transport = smtpUrl() ? "smtp" : "mailbox";
  const values = mails.map(({ input, options }) => {
    const message = parseInput(MailInput, input);
    const root = options.thread ? threadRootId(options.thread, domain) : null;
    return {
      id: `mail_${randomUUID().replaceAll("-", "")}`,
      dedupeKey: options.key,
      thread: options.thread ?? null,
      to: message.to,
      from,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      headers: message.headers ?? {},
      messageId: newMessageId(domain),
      inReplyTo: root,
      references: root,
      transport,
      status: "queued",
      createdAt: options.now ?? new Date(),
    };
  });
  const columns = { id: mailMessages.id, messageId: mailMessages.messageId, status: mailMessages.status };
  const created = await tx
    .insert(mailMessages)
    .values(values)
    .onConflictDoNothing({ target: mailMessages.dedupeKey })
    .returning({ ...columns, key: mailMessages.dedupeKey });
  if (bulk) {
    const batches: { payload: { mailIds: string[] } }[] = [];
    for (let i = 0; i < created.length; i += SEND_BATCH_SIZE)
      batches.push({ payload: { mailIds: created.slice(i, i + SEND_BATCH_SIZE).map((row) => row.id) } });
    await enqueueJobs(tx, sendMailBatchJobSpec, batches);
  } else
    await enqueueJobs(
      tx,
      sendMailJobSpec,
      created.map((row) => ({ payload: { mailId: row.id } })),
    );
  const byKey = new Map(created.map(({ key, ...row }) => [key, { ...row, created: true }]));
  const seen = values.map((v) => v.dedupeKey).filter((key) => !byKey.has(key));
  if (seen.length)
    for (const { key, ...row } of await tx
      .select({ ...columns, key: mailMessages.dedupeKey })
      .from(mailMessages)
      .where(inArray(mailMessages.dedupeKey, seen)))
      byKey.set(key, { ...row, created: false });
  return values.map((v) => byKey.get(v.dedupeKey)!);
}

import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Outgoing mail (lib/mail), re-exported from db/schema.ts. One row per notification: the row is the
// delivery log, and its unique dedupe key is what makes "one notification, one mail" hold.
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: text("id").primaryKey(),
    // Given by the sender (`page:<id>:notify:<n>`): a second enqueue of the same notification, from a
    // retried job or another instance, finds this row instead of queueing a second mail.
    dedupeKey: text("dedupe_key").notNull(),
    // The sender's thread (`incident:INC-2026-0001`): every mail of it refers to one root Message-ID.
    thread: text("thread"),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    // Extra headers sent as given (List-Unsubscribe …); Message-ID and threading have columns of their own.
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    messageId: text("message_id").notNull(),
    inReplyTo: text("in_reply_to"),
    references: text("references"),
    // smtp (SMTP_URL set when it was sent) | mailbox (kept here, nothing left the machine).
    transport: text("transport").notNull(),
    // queued → sending → sent; retrying between attempts; failed once the retries are spent;
    // waiting while an earlier mail of its thread is not sent yet.
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    smtpResponse: text("smtp_response"),
    createdAt: ts("created_at").notNull(),
    sentAt: ts("sent_at"),
    // The earliest time the queue retries (it adds up to as much again as jitter).
    nextAttemptAt: ts("next_attempt_at"),
  },
  (t) => [
    uniqueIndex("mail_messages_dedupe_key").on(t.dedupeKey),
    uniqueIndex("mail_messages_message_id").on(t.messageId),
    index("mail_messages_created_idx").on(t.createdAt.desc(), t.id.desc()),
    // A thread's mails go out in order (lib/mail/send-mail.ts asks for its earlier unsent ones).
    index("mail_messages_thread_idx").on(t.thread, t.createdAt),
  ],
);

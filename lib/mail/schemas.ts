import { z } from "zod";

// The mail a sender hands to enqueueMail, and what the mailbox reads return. No database imports.

// Set by the delivery itself; a sender cannot override them through `headers`.
const RESERVED_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "message-id",
  "in-reply-to",
  "references",
  "date",
  "content-type",
  "mime-version",
  "content-transfer-encoding",
]);

const headerName = /^[!-9;-~]+$/;

export const MailInput = z.strictObject({
  to: z.string().trim().min(3).max(998),
  subject: z
    .string()
    .trim()
    .min(1)
    .max(998)
    .refine((value) => !/[\r\n]/.test(value), "One line."),
  text: z.string().min(1).max(200_000),
  html: z.string().max(500_000).optional(),
  headers: z
    .record(
      z.string().regex(headerName, "Not a header name."),
      z
        .string()
        .max(998)
        .refine((value) => !/[\r\n]/.test(value), "One line."),
    )
    .refine((headers) => Object.keys(headers).every((name) => !RESERVED_HEADERS.has(name.toLowerCase())), {
      message: "From, To, Subject, Message-ID and the threading headers are set by the delivery.",
    })
    .optional(),
});
export type MailInput = z.input<typeof MailInput>;

export const MAIL_STATUSES = ["queued", "sending", "sent", "retrying", "failed"] as const;
export const MAIL_TRANSPORTS = ["smtp", "mailbox"] as const;

export const ListMailboxInput = z.strictObject({
  cursor: z.string().max(500).optional().meta({ description: "nextCursor of the previous page." }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MailMessageListItem = z.object({
  id: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  transport: z.enum(MAIL_TRANSPORTS),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});
export type MailMessageListItem = z.infer<typeof MailMessageListItem>;

export const MailMessageView = MailMessageListItem.extend({
  dedupeKey: z.string().meta({ description: "The sender's key: one notification is one mail." }),
  thread: z.string().nullable(),
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  text: z.string(),
  html: z.string().nullable(),
  smtpResponse: z.string().nullable().meta({ description: "The SMTP server's answer to the accepted mail." }),
  nextAttemptAt: z
    .date()
    .nullable()
    .meta({ description: "While retrying: the earliest time of the next attempt." }),
});
export type MailMessageView = z.infer<typeof MailMessageView>;

export const MailMessagePage = z.object({
  items: z.array(MailMessageListItem),
  nextCursor: z.string().nullable(),
});

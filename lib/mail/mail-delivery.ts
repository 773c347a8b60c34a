import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";

export type MailDelivery = {
  /** queued, sending, sent, retrying or failed. */
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
};

/** Where the mails of these keys (enqueueMail's `key`) are in their delivery, by key. */
export async function readMailDeliveries(db: Db, keys: string[]): Promise<Map<string, MailDelivery>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({
      key: mailMessages.dedupeKey,
      status: mailMessages.status,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .where(inArray(mailMessages.dedupeKey, keys));
  return new Map(rows.map(({ key, ...delivery }) => [key, delivery]));
}

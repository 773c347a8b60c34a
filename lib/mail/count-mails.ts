import { count, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";

export type MailCounts = { sent: number; failed: number; pending: number };

// LIKE's own characters in a key (ids carry `_`) match only themselves.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * How far the mails whose keys start with each prefix got (`status-update:<id>:` is one update's
 * fan-out): sent, failed once the retries were spent, and pending (queued, sending, retrying,
 * waiting). Senders read their own counts through this rather than the mail table. By prefix.
 */
export async function countMailsByKeyPrefix(db: Db, prefixes: string[]): Promise<Map<string, MailCounts>> {
  const counts = new Map(prefixes.map((prefix) => [prefix, { sent: 0, failed: 0, pending: 0 }]));
  await Promise.all(
    [...counts].map(async ([prefix, tally]) => {
      const rows = await db
        .select({ status: mailMessages.status, n: count() })
        .from(mailMessages)
        .where(like(mailMessages.dedupeKey, `${escapeLike(prefix)}%`))
        .groupBy(mailMessages.status);
      for (const { status, n } of rows) {
        const bucket = status === "sent" ? "sent" : status === "failed" ? "failed" : "pending";
        tally[bucket] += Number(n);
      }
    }),
  );
  return counts;
}

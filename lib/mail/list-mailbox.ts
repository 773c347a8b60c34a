import { desc, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";
import type { Actor } from "@/lib/actor";
import { validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { ListMailboxInput, type MailMessageListItem } from "./schemas";

type Row = typeof mailMessages.$inferSelect;
type Cursor = { at: Date; id: string };

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString("base64url");

function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [unknown, unknown];
    const date = new Date(String(at));
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw validationError([
      { path: "cursor", message: "Not a cursor this API handed out; start again without it." },
    ]);
  }
}

export const toMailListItem = (row: Row): MailMessageListItem => ({
  id: row.id,
  to: row.to,
  from: row.from,
  subject: row.subject,
  status: row.status as MailMessageListItem["status"],
  transport: row.transport as MailMessageListItem["transport"],
  attempts: row.attempts,
  lastError: row.lastError,
  createdAt: row.createdAt,
  sentAt: row.sentAt,
});

/**
 * Every mail, sent or kept, newest first: the delivery log and, without SMTP_URL, the local mailbox.
 * Keyset pages on (created_at, id), the index's order.
 */
export async function listMailbox(
  db: Db,
  actor: Actor,
  rawInput: unknown = {},
): Promise<{ items: MailMessageListItem[]; nextCursor: string | null }> {
  authorize(actor, "mail.read");
  const query = parseInput(ListMailboxInput, rawInput);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(mailMessages)
    .where(
      after
        ? sql`(${mailMessages.createdAt}, ${mailMessages.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})`
        : undefined,
    )
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toMailListItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

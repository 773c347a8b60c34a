import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/audit-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { type AuditEventView, ListAuditEventsInput } from "./schemas";

type Cursor = { at: Date; id: number };
type Row = typeof auditEvents.$inferSelect;

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString("base64url");

function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [unknown, unknown];
    const date = new Date(String(at));
    if (!Number.isSafeInteger(id) || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { at: date, id: id as number };
  } catch {
    throw validationError([
      { path: "cursor", message: "Not a cursor this API handed out; start again without it." },
    ]);
  }
}

// A date without a time means the whole day: `to=2026-03-15` includes the 15th.
const endBound = (value: string) =>
  value.length === 10
    ? lt(auditEvents.occurredAt, new Date(Date.parse(value) + 86_400_000))
    : lte(auditEvents.occurredAt, new Date(value));

export const toAuditEventView = (row: Row): AuditEventView => ({
  id: row.id,
  occurredAt: row.occurredAt,
  actor: { type: row.actorType as AuditEventView["actor"]["type"], id: row.actorId, name: row.actorName },
  action: row.action,
  target: { type: row.targetType, id: row.targetId, name: row.targetName },
  diff: row.diff,
  ip: row.ip,
  userAgent: row.userAgent,
});

/**
 * The audit log, newest first, keyset-paged on (occurred_at, id) — the column has millisecond
 * precision, so the cursor's time names a row exactly. Each filter has an index that ends in the
 * same two columns (db/audit-schema.ts).
 */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  rawInput: unknown,
): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  authorize(actor, "audit.read");
  const query = parseInput(ListAuditEventsInput, rawInput);
  const where: SQL[] = [];
  if (query.actor)
    where.push(or(eq(auditEvents.actorId, query.actor), eq(auditEvents.actorName, query.actor))!);
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.targetType) where.push(eq(auditEvents.targetType, query.targetType));
  if (query.targetId) where.push(eq(auditEvents.targetId, query.targetId));
  if (query.from) where.push(gte(auditEvents.occurredAt, new Date(query.from)));
  if (query.to) where.push(endBound(query.to));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(
      sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${c.at.toISOString()}::timestamptz, ${c.id})`,
    );
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toAuditEventView),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
  };
}

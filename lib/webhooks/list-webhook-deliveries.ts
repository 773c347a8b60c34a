import { and, asc, desc, eq, inArray, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookDeliveryAttempts } from "@/db/webhooks-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { findWebhookRow } from "./get-webhook";
import { type DeliveryPage, type DeliveryView, ListDeliveriesQuery } from "./schemas";

type Cursor = { at: string; id: string };

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    if (typeof value.at === "string" && typeof value.id === "string" && !Number.isNaN(Date.parse(value.at)))
      return value;
  } catch {
    // Falls through to the 422 below.
  }
  throw validationError([
    { path: "cursor", message: "Not a cursor from a previous page; start without one." },
  ]);
}

/** The delivery log, newest first (keyset pagination), each delivery with its attempts. */
export async function listWebhookDeliveries(
  db: Db,
  actor: Actor,
  id: string,
  rawQuery: unknown = {},
): Promise<DeliveryPage> {
  authorize(actor, "webhooks.manage");
  const query = parseInput(ListDeliveriesQuery, rawQuery);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const subscription = await findWebhookRow(db, id);
  const after = cursor
    ? or(
        lt(webhookDeliveries.createdAt, new Date(cursor.at)),
        and(eq(webhookDeliveries.createdAt, new Date(cursor.at)), lt(webhookDeliveries.id, cursor.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, subscription.id), after))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attempts = page.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            page.map((row) => row.id),
          ),
        )
        .orderBy(asc(webhookDeliveryAttempts.attempt))
    : [];
  const items = page.map((row): DeliveryView => ({
    id: row.id,
    eventType: row.eventType,
    eventId: row.eventId,
    status: row.status as DeliveryView["status"],
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    attemptLog: attempts
      .filter((a) => a.deliveryId === row.id)
      .map((a) => ({
        attempt: a.attempt,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
        willRetry: a.willRetry,
        at: a.at,
      })),
  }));
  const last = page.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}

import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertEvents, alerts } from "@/db/alerts-schema";
import { incidentLinks, incidents } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ListAlertsQuery } from "./schemas";
import { type AlertDetailView, toAlertView } from "./views";

type Cursor = { status: string; startsAt: Date; id: string };

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.status, c.startsAt.toISOString(), c.id])).toString("base64url");

function decodeCursor(value: string): Cursor {
  try {
    const [status, startsAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [
      unknown,
      unknown,
      unknown,
    ];
    const date = new Date(String(startsAt));
    if (
      (status !== "firing" && status !== "resolved") ||
      typeof id !== "string" ||
      id.includes("\u0000") ||
      Number.isNaN(date.getTime())
    )
      throw new Error("bad cursor");
    return { status, startsAt: date, id };
  } catch {
    throw validationError([
      { path: "cursor", message: "Not a cursor this API handed out; start again without it." },
    ]);
  }
}

/**
 * Firing first ('firing' sorts before 'resolved'), then the newest start; keyset pages over
 * (status, starts_at DESC, id DESC), which the alerts_list_idx index serves.
 */
export async function listAlerts(db: Db, actor: Actor, rawQuery: unknown) {
  authorize(actor, "alerts.read");
  const query = parseInput(ListAlertsQuery, rawQuery);
  const where: SQL[] = [];
  if (query.status?.length) where.push(inArray(alerts.status, query.status));
  if (query.severity?.length) where.push(inArray(alerts.severity, query.severity));
  if (query.service) where.push(eq(alerts.service, query.service));
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(
      sql`(${alerts.status} > ${c.status} or (${alerts.status} = ${c.status} and (${alerts.startsAt}, ${alerts.id}) < (${c.startsAt.toISOString()}::timestamptz, ${c.id})))`,
    );
  }
  const rows = await db
    .select()
    .from(alerts)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(alerts.status), sql`${alerts.startsAt} desc nulls first`, sql`${alerts.id} desc nulls first`)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toAlertView),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ status: last.status, startsAt: last.startsAt, id: last.id })
        : null,
  };
}

export async function getAlert(db: Db, actor: Actor, id: string): Promise<AlertDetailView> {
  authorize(actor, "alerts.read");
  if (id.length === 0 || id.length > 64 || id.includes("\u0000")) throw notFound("Alert");
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  if (!row) throw notFound(`Alert ${id}`);
  const [events, linked] = await Promise.all([
    db
      .select({ kind: alertEvents.kind, at: alertEvents.at, data: alertEvents.data })
      .from(alertEvents)
      .where(eq(alertEvents.alertId, id))
      .orderBy(asc(alertEvents.id))
      .limit(200),
    db
      .select({
        id: incidents.id,
        title: incidents.title,
        status: incidents.status,
        severity: incidents.severity,
      })
      .from(incidentLinks)
      .innerJoin(incidents, eq(incidents.id, incidentLinks.incidentId))
      .where(and(eq(incidentLinks.type, "alert"), eq(incidentLinks.targetId, id)))
      .orderBy(desc(incidents.createdAt)),
  ]);
  return { ...toAlertView(row), events, incidents: linked };
}

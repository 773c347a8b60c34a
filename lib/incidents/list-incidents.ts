import { and, desc, eq, gte, inArray, lt, lte, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, incidentServices, timelineEntries } from "@/db/incidents-schema";
import { users } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { Status } from "./lifecycle";
import { MANUAL_UPDATE_KINDS, REMINDER_KINDS } from "./attention";
import { describeEntry, isManualEntry } from "./describe-entry";
import { ListIncidentsQuery } from "./schemas";
import type { Severity } from "./severity";
import type { IncidentListItem } from "./views";
import { plainLine } from "@/lib/markdown/plain-line";

// The cursor keeps created_at to the microsecond as PostgreSQL prints it: a JS Date stops at the
// millisecond, and rows written by SQL (now(), imports) between two milliseconds would be skipped.
type Cursor = { createdAt: string; id: string };
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString("base64url");
}

function decodeCursor(value: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    const date = new Date(createdAt);
    const year = date.getUTCFullYear();
    if (
      typeof id !== "string" ||
      id.includes("\u0000") ||
      typeof createdAt !== "string" ||
      !ISO_MICROS.test(createdAt)
    )
      throw new Error("bad cursor");
    if (Number.isNaN(date.getTime()) || year < 1970 || year > 2999) throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw validationError([
      { path: "cursor", message: "Not a cursor this API handed out; start again without it." },
    ]);
  }
}

/** One line for the "last update" column: a manual message's first line, or the automatic sentence. */
function summarize(entry: {
  kind: string;
  actor: string;
  message: string | null;
  data: Record<string, unknown>;
}) {
  if (isManualEntry(entry.kind)) return plainLine(entry.message ?? "");
  return describeEntry(entry);
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// The keyset: the incident's (created_at, id), or with a service filter the service row's copy of it,
// so the page is a newest-first walk of that one service's index entries, not a probe of every
// incident in the window for its services (a rare service in a dense month: thousands of probes).
type Keyset = {
  createdAt: typeof incidents.createdAt | typeof incidentServices.incidentCreatedAt;
  id: typeof incidents.id | typeof incidentServices.incidentId;
};
const keysetOf = (query: ListIncidentsQuery): Keyset =>
  query.service
    ? { createdAt: incidentServices.incidentCreatedAt, id: incidentServices.incidentId }
    : { createdAt: incidents.createdAt, id: incidents.id };

// A date without a time means the whole day: `to=2026-03-15` includes the 15th.
const endBound = (column: Keyset["createdAt"], value: string) =>
  value.length === 10 ? lt(column, new Date(Date.parse(value) + 86_400_000)) : lte(column, new Date(value));

export function incidentFilters(query: ListIncidentsQuery, keyset: Keyset = keysetOf(query)): SQL[] {
  const where: SQL[] = [];
  if (query.status?.length) where.push(inArray(incidents.status, query.status));
  if (query.severity?.length) where.push(inArray(incidents.severity, query.severity));
  if (query.environment) where.push(eq(incidents.environment, query.environment));
  if (query.service) where.push(eq(incidentServices.serviceSlug, query.service));
  if (query.from) where.push(gte(keyset.createdAt, new Date(query.from)));
  if (query.to) where.push(endBound(keyset.createdAt, query.to));
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(or(sql`${incidents.title} ilike ${pattern}`, sql`${incidents.id} ilike ${pattern}`)!);
  }
  return where;
}

/** Newest first, keyset-paged on (createdAt, id) so deep pages cost the same as the first. */
export async function listIncidents(db: Db, actor: Actor, rawQuery: unknown) {
  authorize(actor, "incidents.read");
  const query = parseInput(ListIncidentsQuery, rawQuery);
  const keyset = keysetOf(query);
  const after: SQL[] = [];
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    after.push(sql`(${keyset.createdAt}, ${keyset.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})`);
  }
  const where = [...incidentFilters(query, keyset), ...after];
  const limit = query.limit + 1;

  // The page's ids first, then its rows: a filter walks many index entries per row it keeps (a rare
  // service: ~40 per row), and walking (created_at, id) or (status, created_at, id) alone fetches no
  // table row for the ones it skips. In a dense year each of those is a page of its own.
  let pageIds: SQLWrapper;
  if (!query.service && query.status && query.status.length > 1) {
    // Several statuses (the open ones, say): one newest-first walk of (status, created_at, id) per
    // status, merged. An IN list walks every entry of those statuses and sorts them all for one page
    // (1M dense: the week's ~6k open incidents).
    const others = [...incidentFilters({ ...query, status: undefined }, keyset), ...after];
    const walks = query.status.map(
      (
        status,
      ) => sql`(select ${incidents.id}, ${incidents.createdAt} from ${incidents} where ${and(eq(incidents.status, status), ...others)}
        order by ${incidents.createdAt} desc, ${incidents.id} desc limit ${limit})`,
    );
    pageIds = sql`(select id from (${sql.join(walks, sql` union all `)}) walks order by created_at desc, id desc limit ${limit})`;
  } else {
    pageIds = (
      query.service
        ? db
            .select({ id: incidents.id })
            .from(incidentServices)
            .innerJoin(incidents, eq(incidents.id, incidentServices.incidentId))
        : db.select({ id: incidents.id }).from(incidents)
    )
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(keyset.createdAt), desc(keyset.id))
      .limit(limit);
  }
  const reminderKinds = sql.join(
    REMINDER_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const manualKinds = sql.join(
    MANUAL_UPDATE_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const rows = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
      environment: incidents.environment,
      createdAt: incidents.createdAt,
      cursorAt: sql<string>`to_char(${incidents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      resolvedAt: incidents.resolvedAt,
      investigatingAt: incidents.investigatingAt,
      durationSeconds: incidents.durationSeconds,
      commanderId: incidents.commanderId,
      commanderName: users.name,
      services: sql<
        string[]
      >`array(select ${incidentServices.serviceSlug} from ${incidentServices} where ${incidentServices.incidentId} = ${incidents.id} order by 1)`,
      lastUpdate: sql<unknown>`(select json_build_object('at', t.created_at, 'kind', t.kind, 'actor', t.actor, 'message', t.message, 'data', t.data)
        from ${timelineEntries} t where t.incident_id = ${incidents.id} and t.kind not in (${reminderKinds}) order by t.id desc limit 1)`,
      lastManualUpdateAt: sql<
        string | Date | null
      >`(select max(t.created_at) from ${timelineEntries} t where t.incident_id = ${incidents.id} and t.kind in (${manualKinds}))`,
    })
    .from(incidents)
    .leftJoin(users, eq(users.id, incidents.commanderId))
    .where(inArray(incidents.id, pageIds))
    .orderBy(desc(incidents.createdAt), desc(incidents.id))
    .limit(limit);

  const page = rows.slice(0, query.limit);
  const items: IncidentListItem[] = page.map((row) => {
    const last = (typeof row.lastUpdate === "string" ? JSON.parse(row.lastUpdate) : row.lastUpdate) as {
      at: string;
      kind: string;
      actor: string;
      message: string | null;
      data: Record<string, unknown>;
    } | null;
    return {
      id: row.id,
      title: row.title,
      severity: row.severity as Severity,
      status: row.status as Status,
      environment: row.environment,
      services: row.services ?? [],
      commander: row.commanderId ? { id: row.commanderId, name: row.commanderName ?? row.commanderId } : null,
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      durationSeconds: row.durationSeconds,
      investigatingAt: row.investigatingAt,
      lastManualUpdateAt: row.lastManualUpdateAt ? new Date(row.lastManualUpdateAt) : null,
      lastUpdate: last
        ? {
            at: new Date(last.at),
            kind: last.kind,
            actor: last.actor,
            message: last.message,
            summary: summarize(last),
          }
        : null,
    };
  });
  const lastItem = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && lastItem
      ? encodeCursor({ createdAt: lastItem.cursorAt, id: lastItem.id })
      : null;
  return { items, nextCursor };
}

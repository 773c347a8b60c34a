import { and, asc, desc, eq, exists, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems } from "@/db/postmortems-schema";
import { incidents, incidentServices } from "@/db/incidents-schema";
import { users } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { isOverdue, todayIn } from "./overdue";
import { type ActionItemStatus, type ActionItemView, ListActionItemsQuery, OPEN_STATUSES } from "./schemas";

/** Rows shaped as ActionItemView; `overdue` is worked out for the viewer's time zone. */
export async function selectActionItems(
  db: Db,
  where: SQL | undefined,
  options: { tz: string; now: Date; limit?: number; newestFirst?: boolean },
) {
  const query = db
    .select({
      id: actionItems.id,
      incidentId: actionItems.incidentId,
      incidentTitle: incidents.title,
      postmortemId: actionItems.postmortemId,
      title: actionItems.title,
      ownerId: actionItems.ownerId,
      ownerName: users.name,
      dueDate: actionItems.dueDate,
      priority: actionItems.priority,
      status: actionItems.status,
      ticketUrl: actionItems.ticketUrl,
      timelineEntryId: actionItems.timelineEntryId,
      createdBy: actionItems.createdBy,
      createdAt: actionItems.createdAt,
      updatedAt: actionItems.updatedAt,
      completedAt: actionItems.completedAt,
      version: actionItems.version,
    })
    .from(actionItems)
    .innerJoin(incidents, eq(incidents.id, actionItems.incidentId))
    .leftJoin(users, eq(users.id, actionItems.ownerId))
    .where(where)
    .orderBy(options.newestFirst ? desc(actionItems.id) : asc(actionItems.id));
  const rows = options.limit ? await query.limit(options.limit) : await query;
  return rows.map((row) => ({ ...row, overdue: isOverdue(row, options.tz, options.now) }) as ActionItemView);
}

/** Filters, newest first, keyset-paged by id; counts are for the filters other than status and overdue. */
export async function listActionItems(db: Db, actor: Actor, rawQuery: unknown, options: { now?: Date } = {}) {
  authorize(actor, "postmortems.read");
  const q = parseInput(ListActionItemsQuery, rawQuery);
  const now = options.now ?? new Date();
  const today = todayIn(q.tz, now);
  const overdueSql = and(
    inArray(actionItems.status, OPEN_STATUSES),
    isNotNull(actionItems.dueDate),
    lt(actionItems.dueDate, today),
  );

  const scope: SQL[] = [];
  if (q.owner) scope.push(eq(actionItems.ownerId, q.owner));
  if (q.incidentId) scope.push(eq(actionItems.incidentId, q.incidentId));
  if (q.service) {
    scope.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(incidentServices)
          .where(
            and(
              eq(incidentServices.incidentId, actionItems.incidentId),
              eq(incidentServices.serviceSlug, q.service),
            ),
          ),
      ),
    );
  }
  const filters = [...scope];
  if (q.status) filters.push(eq(actionItems.status, q.status));
  if (q.overdue === "true") filters.push(overdueSql!);
  if (q.overdue === "false") filters.push(sql`not coalesce(${overdueSql}, false)`);
  if (q.cursor) filters.push(lt(actionItems.id, Number(q.cursor)));

  const items = await selectActionItems(db, and(...filters), {
    tz: q.tz,
    now,
    limit: q.limit + 1,
    newestFirst: true,
  });
  const more = items.length > q.limit;
  const page = items.slice(0, q.limit);

  const [counts] = await db
    .select({
      open: sql<number>`count(*) filter (where ${actionItems.status} = 'open')::int`,
      in_progress: sql<number>`count(*) filter (where ${actionItems.status} = 'in_progress')::int`,
      done: sql<number>`count(*) filter (where ${actionItems.status} = 'done')::int`,
      wont_do: sql<number>`count(*) filter (where ${actionItems.status} = 'wont_do')::int`,
      overdue: sql<number>`count(*) filter (where ${overdueSql})::int`,
    })
    .from(actionItems)
    .where(and(...scope));
  const asNumbers = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) as Record<
    ActionItemStatus | "overdue",
    number
  >;
  return { items: page, nextCursor: more ? String(page[page.length - 1].id) : null, counts: asNumbers };
}

import { getTableColumns, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/events-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { EventType, StoredEvent } from "./event-types";
import { dispatchJobSpec } from "./dispatch-job-spec";
import { LIVE_CHANNEL } from "@/lib/live/subscribe-live";

export type NewEvent = {
  type: EventType;
  /** The incident it concerns, if any (live incident pages filter on it). */
  incidentId?: string | null;
  /** The aggregate that changed: an incident id, an alert id, … (defaults to incidentId). */
  subjectId?: string;
  /** The changed data, enough for a consumer to act without guessing. */
  payload?: Record<string, unknown>;
  actor: Actor | string;
  /** Defaults to now (the demo loader passes its replayed clock). */
  createdAt?: Date;
};

/**
 * Records domain events in the caller's transaction: the outbox rows, one dispatch job for the
 * consumers and a NOTIFY for live pages. All three exist only if the transaction commits.
 * (A declaration writes the same three in its one statement: lib/incidents/declare-statement.ts.)
 */
export async function recordEvents(tx: Db, newEvents: NewEvent[]): Promise<StoredEvent[]> {
  if (newEvents.length === 0) return [];
  const rows = await tx
    .insert(events)
    .values(
      newEvents.map((event) => {
        const subjectId = event.subjectId ?? event.incidentId;
        if (!subjectId) throw new Error(`Event ${event.type} needs a subjectId or an incidentId.`);
        return {
          type: event.type,
          incidentId: event.incidentId ?? null,
          subjectId,
          payload: event.payload ?? {},
          actor: typeof event.actor === "string" ? event.actor : actorLabel(event.actor),
          ...(event.createdAt ? { createdAt: event.createdAt } : {}),
        };
      }),
    )
    // The NOTIFY for live pages rides on the insert (one round trip fewer).
    .returning({
      ...getTableColumns(events),
      notified: liveNotice(events.id, events.type, events.incidentId),
    });
  await enqueueJob(tx, dispatchJobSpec, { eventIds: rows.map((row) => row.id) }, { wake: false });
  return rows.map((row) => {
    const { notified, ...event } = row;
    void notified;
    return event;
  });
}

/** The NOTIFY live pages listen for, of one outbox row; its payload is a LiveEvent (lib/live/subscribe-live.ts). */
export const liveNotice = (id: SQLWrapper, type: SQLWrapper, incidentId: SQLWrapper) =>
  sql<unknown>`pg_notify(${LIVE_CHANNEL}, json_build_object('id', ${id}, 'type', ${type}, 'incidentId', ${incidentId})::text)`;

/**
 * The outbox insert for a statement that writes its events itself (a declaration is one statement:
 * lib/incidents/declare-statement.ts). `rows` selects (type, incident_id, subject_id, payload, actor,
 * created_at); use it as a CTE and count `outboxNotices` of that CTE to send the live NOTIFYs.
 */
export const outboxInsert = (rows: SQL) =>
  sql`insert into ${events} (type, incident_id, subject_id, payload, actor, created_at) ${rows} returning id, type, incident_id`;

/** The live NOTIFYs of the rows an `outboxInsert` CTE named `cte` returned, as a count expression. */
export const outboxNotices = (cte: string) => {
  const name = sql.identifier(cte);
  return sql`(select count(${liveNotice(sql`${name}.id`, sql`${name}.type`, sql`${name}.incident_id`)}) from ${name})`;
};

export async function recordEvent(tx: Db, event: NewEvent): Promise<StoredEvent> {
  const [row] = await recordEvents(tx, [event]);
  return row;
}

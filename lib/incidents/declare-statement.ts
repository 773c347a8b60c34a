import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, incidents, incidentServices, timelineEntries, users } from "@/db/schema";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { fromJson, rowFromDriver } from "@/lib/db/row-from-driver";
import { dispatchEventsJob } from "@/lib/events/dispatch-events";
import { liveNotice, type NewEvent } from "@/lib/events/record-event";
import { enqueueJob, jobInsertWithData } from "@/lib/jobs/enqueue-job";
import type { PersonRow } from "./get-incident";
import type { PendingEntry } from "./timeline-writer";

// The declaration's writes are two statements whose SQL is built once (Drizzle's query building cost
// the declaring request more Node time than PostgreSQL spent on its inserts): the ids of its timeline
// entries, drawn before the counter lock, and then, under the lock, one statement for the incident,
// its services, its timeline, its outbox rows and the job that dispatches them. Lists travel as JSON.

const slot = (name: string) => sql.placeholder(name);

const drawIds = preparedStatement(
  "declare_timeline_ids",
  () => sql`select array_agg(nextval(pg_get_serial_sequence('timeline_entries', 'id')) order by n) as ids from generate_series(1, ${slot("count")}::int) n`,
);

/**
 * Ids for up to `count` timeline entries, drawn outside the counter lock (the events need them before
 * the statement runs). Unused ones are gaps, as a rolled-back insert leaves; only incident IDs are
 * gapless, and nothing reads timeline ids as a stream (the outbox's event ids are drawn under the lock).
 */
export async function drawTimelineIds(tx: Db, count: number): Promise<number[]> {
  const [row] = await drawIds(tx, { count });
  return (fromJson<(number | string)[]>(row.ids) ?? []).map(Number);
}

// The dispatch job of the outbox rows the statement writes (lib/jobs/enqueue-job.ts jobInsertWithData).
let dispatchInsert: SQL | undefined;

const write = preparedStatement("declare_incident", () => {
  const id = sql`${slot("id")}::text`;
  const now = sql`${slot("now")}::timestamptz`;
  const actor = sql`${slot("actor")}::text`;
  return sql`
    with incident as (
      insert into ${incidents} (id, year, seq, title, description, severity, status, environment, commander_id, technical_lead_id,
        communicator_id, declared_by, declared_by_user_id, source, source_label, impact_started_at, impact_start_source,
        created_at, investigating_at, updated_at)
      values (${id}, ${slot("year")}::int, ${slot("seq")}::int, ${slot("title")}::text, ${slot("description")}::text, ${slot("severity")}::text,
        ${slot("status")}::text, ${slot("environment")}::text, ${slot("commanderId")}::text, ${slot("technicalLeadId")}::text,
        ${slot("communicatorId")}::text, ${actor}, ${slot("actorUserId")}::text, ${slot("source")}::text, ${slot("sourceLabel")}::text,
        coalesce(${slot("impactStartedAt")}::timestamptz, ${now}), ${slot("impactStartSource")}::text,
        ${now}, case when ${slot("status")}::text = 'investigating' then ${now} end, ${now})
      returning *
    ),
    services as (
      insert into ${incidentServices} (incident_id, service_slug)
      select ${id}, slug from jsonb_array_elements_text(${slot("services")}::jsonb) slug
    ),
    timeline as (
      insert into ${timelineEntries} (id, incident_id, kind, actor, actor_user_id, message, data, created_at)
      select e.id, ${id}, e.kind, ${actor}, ${slot("actorUserId")}::text, e.message, e.data, ${now}
      from jsonb_to_recordset(${slot("entries")}::jsonb) e(id bigint, kind text, message text, data jsonb)
    ),
    outbox as (
      insert into ${events} (type, incident_id, subject_id, payload, actor, created_at)
      select e.event->>'type', ${id}, ${id}, e.event->'payload', ${actor}, ${now}
      from jsonb_array_elements(${slot("events")}::jsonb) with ordinality e(event, n)
      order by e.n
      returning id, type, incident_id
    ),
    job as (${dispatchInsert!})
    select row_to_json(incident) as incident,
      (select json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email)) from ${users} u
        where u.id in (select jsonb_array_elements_text(${slot("people")}::jsonb))) as people,
      (select count(${liveNotice(sql`outbox.id`, sql`outbox.type`, sql`outbox.incident_id`)}) from outbox) as notified,
      (select array_agg(id order by id) from outbox) as event_ids,
      (select count(*) from job)::int as queued
    from incident`;
});

export type Declaration = {
  /** Declared by the actor, at `now`; impact from `now` unless it started earlier. */
  incident: Omit<typeof incidents.$inferInsert, "createdAt" | "updatedAt" | "investigatingAt" | "impactStartedAt" | "declaredBy" | "declaredByUserId"> & {
    impactStartedAt: Date | null;
  };
  services: string[];
  actor: string;
  actorUserId: string | null;
  now: Date;
  /** The entries with the ids drawn for them, and the events they announce. */
  entries: (PendingEntry & { id: number })[];
  events: Pick<NewEvent, "type" | "payload">[];
  /** Whose names and emails the answer shows (the incident's roles). */
  people: string[];
};

/**
 * Writes the incident, its services, timeline and outbox rows, with their NOTIFY for live pages and
 * their dispatch job (queued by enqueueJob instead when the statement could not: no queue yet).
 */
export async function writeDeclaration(tx: Db, d: Declaration): Promise<{ incident: typeof incidents.$inferSelect; people: PersonRow[] }> {
  dispatchInsert ??= await jobInsertWithData(dispatchEventsJob, sql`jsonb_build_object('eventIds', (select jsonb_agg(id order by id) from outbox))`);
  const i = d.incident;
  const [row] = await write(tx, {
    id: i.id,
    year: i.year,
    seq: i.seq,
    title: i.title,
    description: i.description ?? "",
    severity: i.severity,
    status: i.status,
    environment: i.environment,
    commanderId: i.commanderId ?? null,
    technicalLeadId: i.technicalLeadId ?? null,
    communicatorId: i.communicatorId ?? null,
    actor: d.actor,
    actorUserId: d.actorUserId,
    source: i.source,
    sourceLabel: i.sourceLabel ?? null,
    impactStartedAt: i.impactStartedAt?.toISOString() ?? null,
    impactStartSource: i.impactStartSource,
    now: d.now.toISOString(),
    services: JSON.stringify(d.services),
    entries: JSON.stringify(d.entries.map((e) => ({ id: e.id, kind: e.kind, message: e.message ?? null, data: e.data ?? {} }))),
    events: JSON.stringify(d.events.map((e) => ({ type: e.type, payload: e.payload ?? {} }))),
    people: JSON.stringify(d.people),
  });
  if (Number(row.queued) === 0) {
    await enqueueJob(tx, dispatchEventsJob, { eventIds: (fromJson<(number | string)[]>(row.event_ids) ?? []).map(Number) });
  }
  return {
    incident: rowFromDriver(incidents, fromJson(row.incident)),
    people: fromJson<PersonRow[] | null>(row.people) ?? [],
  };
}

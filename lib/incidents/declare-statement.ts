import { type SQL, sql } from "drizzle-orm";
import { type Db, serialLaneOf } from "@/db/client";
import { incidentCounters, incidents, incidentServices, timelineEntries } from "@/db/incidents-schema";
import { services, users } from "@/db/core-schema";
import { newServiceRows } from "@/lib/catalog/references";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { isTransaction } from "@/lib/db/run-transaction";
import { fromJson, rowFromDriver } from "@/lib/db/row-from-driver";
import { dispatchJobSpec } from "@/lib/events/dispatch-job-spec";
import { type NewEvent, outboxInsert, outboxNotices } from "@/lib/events/record-event";
import { enqueueJob, jobInsertWithData } from "@/lib/jobs/enqueue-job";
import type { PersonRow } from "./get-incident";
import type { PendingEntry } from "./timeline-writer";

// A declaration writes with one statement, built once (Drizzle's query building cost the declaring
// request more Node time than PostgreSQL spent on its inserts): the catalog's new services, the year's
// counter, the incident, its services, timeline, outbox rows and the job that dispatches them. Lists
// travel as JSON.

// The dispatch job of the outbox rows the statement writes (lib/jobs/enqueue-job.ts jobInsertWithData);
// set by writeDeclaration before the statement is first built.
let dispatchInsert: SQL | undefined;

const write = preparedStatement("declare_incident", () => {
  const slotOf = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  const [year, now, actor, actorUserId, status] = [
    slotOf("year", "int"),
    slotOf("now", "timestamptz"),
    slotOf("actor", "text"),
    slotOf("actorUserId", "text"),
    slotOf("status", "text"),
  ];
  return sql`
    with ensured as (
      insert into ${services} (slug, name)
      select s.slug, s.name from jsonb_to_recordset(${slotOf("newServices", "jsonb")}) s(slug text, name text) order by s.slug
      on conflict do nothing
      returning slug
    ),
    -- After the services (it reads their count): every declaration takes its locks in one order.
    counter as (
      insert into ${incidentCounters} (year, last, last_at)
      select ${year}, 1, ${now} from (select count(*) from ensured) registered
      on conflict (year) do update set last = ${incidentCounters}.last + 1, last_at = greatest(${incidentCounters}.last_at, excluded.last_at)
      returning last, last_at
    ),
    -- The counter row is read as it stands once locked (the statement's snapshot may predate the
    -- previous declaration's commit): its last_at is the latest time of the year so far.
    head as (
      select 'INC-' || ${year} || '-' || lpad(c.last::text, greatest(4, length(c.last::text)), '0') as id, c.last as seq,
        case when ${slotOf("ordered", "boolean")} then c.last_at else ${now} end as at
      from counter c
    ),
    incident as (
      insert into ${incidents} (id, year, seq, title, description, severity, status, environment, commander_id, technical_lead_id,
        communicator_id, declared_by, declared_by_user_id, source, source_label, impact_started_at, impact_start_source,
        created_at, investigating_at, updated_at)
      select h.id, ${year}, h.seq, ${slotOf("title", "text")}, ${slotOf("description", "text")}, ${slotOf("severity", "text")}, ${status},
        ${slotOf("environment", "text")}, ${slotOf("commanderId", "text")}, ${slotOf("technicalLeadId", "text")}, ${slotOf("communicatorId", "text")},
        ${actor}, ${actorUserId}, ${slotOf("source", "text")}, ${slotOf("sourceLabel", "text")},
        coalesce(${slotOf("impactStartedAt", "timestamptz")}, h.at), ${slotOf("impactStartSource", "text")},
        h.at, case when ${status} = 'investigating' then h.at end, h.at
      from head h
      returning *
    ),
    affected as (
      insert into ${incidentServices} (incident_id, service_slug, incident_created_at)
      select h.id, slug, h.at from head h, jsonb_array_elements_text(${slotOf("services", "jsonb")}) slug
    ),
    timeline as (
      insert into ${timelineEntries} (incident_id, kind, actor, actor_user_id, message, data, created_at)
      select h.id, e.entry->>'kind', ${actor}, ${actorUserId}, e.entry->>'message', e.entry->'data', h.at
      from head h, jsonb_array_elements(${slotOf("entries", "jsonb")}) with ordinality e(entry, n)
      order by e.n
      returning id
    ),
    -- The ids were drawn in entry order, so the n-th smallest is the n-th entry's: its events name it.
    numbered as (select id, row_number() over (order by id) as n from timeline),
    outbox as (${outboxInsert(sql`
      select e.event->>'type', h.id, h.id, e.event->'payload' || jsonb_build_object('timelineEntryId', t.id), ${actor}, h.at
      from head h, jsonb_array_elements(${slotOf("events", "jsonb")}) with ordinality e(event, n)
      join numbered t on t.n = (e.event->>'entry')::int
      order by e.n`)}),
    job as (${dispatchInsert!})
    select row_to_json(incident) as incident, assert_token_stamp(${slotOf("tokensVersion", "bigint")}) as stamp_ok,
      assert_oncall_stamp(${slotOf("oncallStamp", "bigint")}) as oncall_ok,
      (select json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email)) from ${users} u
        where u.id in (select jsonb_array_elements_text(${slotOf("people", "jsonb")}))) as people,
      ${outboxNotices("outbox")} as notified,
      (select array_agg(id order by id) from outbox) as event_ids,
      (select count(*) from job)::int as queued
    from incident`;
});

export type Declaration = {
  /** The ID comes from the year's counter; declared by the actor; impact from the declaration time unless given. */
  incident: Omit<
    typeof incidents.$inferInsert,
    | "id"
    | "seq"
    | "createdAt"
    | "updatedAt"
    | "investigatingAt"
    | "impactStartedAt"
    | "declaredBy"
    | "declaredByUserId"
  > & {
    impactStartedAt: Date | null;
  };
  services: string[];
  actor: string;
  actorUserId: string | null;
  now: Date;
  /**
   * Declaration times follow ID order: a declaration that read the clock before an earlier-numbered
   * one takes that one's time. Off for a caller's own clock (a replay, a test), taken as given.
   */
  ordered: boolean;
  /** The token stamp the caller's token was verified at: a moved stamp fails the statement (nothing written). */
  tokensVersion: number | null;
  /** The on-call stamp the commander's on-call states were read at (from a cache): asserted like the token stamp. */
  oncallStamp: number | null;
  entries: PendingEntry[];
  /** The events the entries announce, each with its entry's index (1-based): the statement adds the entry's id. */
  events: (Pick<NewEvent, "type" | "payload"> & { entry: number })[];
  /** Whose names and emails the answer shows (the incident's roles). */
  people: string[];
};

/**
 * Registers services seen for the first time, takes the next number of the year and writes the
 * incident, its services, timeline and outbox rows, with their NOTIFY for live pages and their dispatch
 * job (queued by enqueueJob instead when the statement could not: no queue yet). Run on its own, it is
 * its own transaction on the serial lane: the counter row stays locked only while PostgreSQL runs and
 * commits it, and the next declaration is already waiting on the same connection.
 */
export async function writeDeclaration(
  db: Db,
  d: Declaration,
): Promise<{ incident: typeof incidents.$inferSelect; people: PersonRow[] }> {
  dispatchInsert ??= await jobInsertWithData(
    dispatchJobSpec,
    sql`jsonb_build_object('eventIds', (select jsonb_agg(id order by id) from outbox))`,
  );
  const i = d.incident;
  // On its own, the statement goes down the serial lane: declarations queue there, pipelined, rather
  // than in PostgreSQL on the counter row. In a transaction, it is one of the transaction's statements.
  const [row] = await write(isTransaction(db) ? db : serialLaneOf(db), {
    newServices: JSON.stringify(newServiceRows(d.services)),
    year: i.year,
    ordered: d.ordered,
    now: d.now.toISOString(),
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
    services: JSON.stringify(d.services),
    entries: JSON.stringify(
      d.entries.map((e) => ({ kind: e.kind, message: e.message ?? null, data: e.data ?? {} })),
    ),
    events: JSON.stringify(d.events.map((e) => ({ type: e.type, payload: e.payload ?? {}, entry: e.entry }))),
    people: JSON.stringify(d.people),
    tokensVersion: d.tokensVersion,
    oncallStamp: d.oncallStamp,
  });
  if (Number(row.queued) === 0) {
    await enqueueJob(db, dispatchJobSpec, {
      eventIds: (fromJson<(number | string)[]>(row.event_ids) ?? []).map(Number),
    });
  }
  return {
    incident: rowFromDriver(incidents, fromJson(row.incident)),
    people: fromJson<PersonRow[] | null>(row.people) ?? [],
  };
}

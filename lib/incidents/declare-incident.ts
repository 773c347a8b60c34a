import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { incidents, incidentServices, timelineEntries, users } from "@/db/schema";
import { type Actor, actorLabel, actorUserId, assertRole } from "@/lib/actor";
import { assertAssignees, assertEnvironment, ensureServices } from "@/lib/catalog/references";
import { pgErrorCode } from "@/lib/db-errors";
import { fromJson, rowFromDriver, rowsOf } from "@/lib/db/row-from-driver";
import { validationError } from "@/lib/errors";
import { eventCountOf } from "@/lib/events/incident-events";
import { findOnCall } from "@/lib/oncall/load-on-call";
import type { OnCallView } from "@/lib/oncall/views";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { allocateIncidentId } from "./allocate-incident-id";
import { type IncidentView, type PersonRow, toIncidentView } from "./get-incident";
import { DeclareIncidentInput, type ImpactStartSource, SOURCES } from "./schemas";
import { announceTimeline, type PendingEntry, timelineInsert } from "./timeline-writer";

/** impactStartSource: set by a caller that measured the start it passes (declare from an alert). */
export type DeclareOptions = UseCaseOptions & { source?: (typeof SOURCES)[number]; impactStartSource?: ImpactStartSource };

export async function declareIncident(db: Db, actor: Actor, rawInput: unknown, options: DeclareOptions = {}): Promise<IncidentView> {
  assertRole(actor, "responder", "declare incidents");
  const input = parseInput(DeclareIncidentInput, rawInput);
  const requested = input.impactStartedAt ? new Date(input.impactStartedAt) : undefined;
  if (requested && requested.getTime() > clock(options).getTime()) {
    throw validationError([{ path: "impactStartedAt", message: "Impact cannot start in the future." }]);
  }

  // The environment is checked by the incident's foreign key, not by a look-up of its own (one round
  // trip fewer per declaration); only a refused insert reads the list, to name the known ones.
  const view = await runTransaction(db, async (tx) => {
    const names = await assertAssignees(tx, {
      commanderId: input.commanderId,
      technicalLeadId: input.technicalLeadId,
      communicatorId: input.communicatorId,
    });
    // Everything that does not need the ID happens before the counter lock: every declaration waits
    // for that lock until the holder commits, so each round trip after it is paid by all of them.
    // No commander named: the on-call of the first affected service leads, whichever source declared it.
    // The two go out together (one round trip): a service the first creates has no schedule yet anyway.
    const [, onCall] = await Promise.all([
      ensureServices(tx, input.services),
      input.commanderId ? null : findOnCall(tx, input.services[0], clock(options)),
    ]);
    const commanderId = input.commanderId ?? onCall?.userId ?? null;
    const personIds = [...new Set([commanderId, input.technicalLeadId, input.communicatorId].filter((v): v is string => !!v))];
    const people: PersonRow[] = personIds.length
      ? await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, personIds))
      : [];
    const status = input.status ?? "declared";
    const entries = declarationEntries(input, status, names, onCall);

    // The time is read after the counter lock, so declaration times (and the ID's year) follow ID order.
    const { id, seq, year, now } = await allocateIncidentId(tx, () => clock(options));
    const insertIncident = tx
      .insert(incidents)
      .values({
        id,
        year,
        seq,
        title: input.title,
        description: input.description ?? "",
        severity: input.severity,
        status,
        environment: input.environment,
        commanderId,
        technicalLeadId: input.technicalLeadId ?? null,
        communicatorId: input.communicatorId ?? null,
        declaredBy: actorLabel(actor),
        declaredByUserId: actorUserId(actor),
        source: options.source ?? "api",
        sourceLabel: input.declaredBy ?? null,
        impactStartedAt: requested ?? now,
        // An incident born from an alert takes its start from the alert's first breach: measured, not reported.
        impactStartSource: requested ? (options.impactStartSource ?? (options.source === "alert" ? "alert" : "reported")) : "declared_default",
        createdAt: now,
        investigatingAt: status === "investigating" ? now : null,
        updatedAt: now,
      })
      .returning();
    const insertServices = tx.insert(incidentServices).values(input.services.map((serviceSlug) => ({ incidentId: id, serviceSlug })));
    // The incident, its services and its timeline in one statement (the foreign keys are checked at its end).
    const [written] = rowsOf(
      await tx.execute(sql`
        with incident as (${insertIncident.getSQL()}),
        services as (${insertServices.getSQL()}),
        timeline as (${timelineInsert(tx, id, actor, entries, now).getSQL()})
        select (select row_to_json(incident) from incident) as incident, (select json_agg(timeline order by timeline.id) from timeline) as timeline,
               (select array_agg(nextval(pg_get_serial_sequence('events', 'id')) order by n) from generate_series(1, ${eventCountOf(entries)}::int) n) as event_ids`),
    );
    const row = rowFromDriver(incidents, fromJson(written.incident));
    // A new incident starts at version 1 (the column default); its events carry it. Their outbox ids
    // came with the statement above, so the outbox insert and its dispatch job go out together.
    const eventIds = (written.event_ids as (number | string)[]).map(Number);
    await announceTimeline(tx, fromJson<Record<string, unknown>[]>(written.timeline).map((entry) => rowFromDriver(timelineEntries, entry)), row.version, eventIds);
    // The answer is built from what was just written, not read again after the commit.
    return toIncidentView(row, [...input.services].sort(), [], people);
  }).catch(async (error: unknown) => {
    if (pgErrorCode(error) === "23503") await assertEnvironment(db, input.environment);
    throw error;
  });
  return view;
}

function declarationEntries(input: DeclareIncidentInput, status: string, names: Map<string, string>, onCall: OnCallView | null): PendingEntry[] {
  const entries: PendingEntry[] = [
    {
      kind: "declared",
      data: { severity: input.severity, services: input.services, environment: input.environment, title: input.title },
    },
  ];
  if (status === "investigating") {
    entries.push({ kind: "status_changed", data: { from: "declared", to: "investigating", reason: "advance" } });
  }
  const person = (userId: string) => ({ id: userId, name: names.get(userId) ?? userId });
  if (input.commanderId) entries.push({ kind: "commander_changed", data: { from: null, to: person(input.commanderId) } });
  else if (onCall?.userId) {
    entries.push({ kind: "commander_changed", data: { from: null, to: { id: onCall.userId, name: onCall.name }, reason: "on_call", service: input.services[0] } });
  }
  for (const role of ["technicalLead", "communicator"] as const) {
    const userId = input[`${role}Id`];
    if (userId) entries.push({ kind: "role_changed", data: { role, from: null, to: person(userId) } });
  }
  return entries;
}

import type { Db } from "@/db/client";
import { isTransaction, runTransaction } from "@/lib/db/run-transaction";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertAssignees, assertEnvironment } from "@/lib/catalog/references";
import { pgErrorCode } from "@/lib/db-errors";
import { validationError } from "@/lib/errors";
import { eventsOfEntry } from "@/lib/events/incident-events";
import {
  findOnCall,
  findOnCallForDeclaration,
  forgetOnCallStates,
  ONCALL_STAMP_MOVED,
} from "@/lib/oncall/load-on-call";
import type { OnCallView } from "@/lib/oncall/views";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { writeDeclaration } from "./declare-statement";
import { type IncidentView, toIncidentView } from "./get-incident";
import { DeclareIncidentInput, type ImpactStartSource, SOURCES } from "./schemas";
import type { PendingEntry } from "./timeline-writer";

/**
 * impactStartSource: set by a caller that measured the start it passes (declare from an alert).
 * tokensVersion: the token stamp the caller's API token was verified at, asserted by the write (lib/http/api-route.ts).
 */
export type DeclareOptions = UseCaseOptions & {
  source?: (typeof SOURCES)[number];
  impactStartSource?: ImpactStartSource;
  tokensVersion?: number;
};

export async function declareIncident(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: DeclareOptions = {},
): Promise<IncidentView> {
  authorize(actor, "incidents.declare");
  const input = parseInput(DeclareIncidentInput, rawInput);
  const status = input.status ?? "declared";
  const requested = input.impactStartedAt ? new Date(input.impactStartedAt) : undefined;
  if (requested && requested.getTime() > clock(options).getTime()) {
    throw validationError([{ path: "impactStartedAt", message: "Impact cannot start in the future." }]);
  }

  // The environment is checked by the incident's foreign key, not by a look-up of its own (one round
  // trip fewer per declaration); only a refused insert reads the list, to name the known ones.
  // On the app's own clock and outside a caller's transaction, the on-call may come from the process's
  // cache (one statement fewer): the write then asserts the on-call stamp, and if the schedule changed
  // meanwhile, nothing is written and the declaration runs again with the states read afresh.
  const cacheable = options.now === undefined && !isTransaction(db);
  const attempt = (useCache: boolean) =>
    runTransaction(
      db,
      async (tx) => {
        // One reading of the clock gives the ID's year and the declaration time (see writeDeclaration's `ordered`).
        const now = clock(options);
        // The reads go out together, before anything is locked. No commander named: the on-call of the
        // first affected service leads, whichever source declared it (a new service has no schedule yet).
        const [names, { onCall, stamp }] = await Promise.all([
          assertAssignees(tx, {
            commanderId: input.commanderId,
            technicalLeadId: input.technicalLeadId,
            communicatorId: input.communicatorId,
          }),
          input.commanderId
            ? { onCall: null, stamp: null }
            : useCache
              ? findOnCallForDeclaration(tx, input.services[0], now)
              : findOnCall(tx, input.services[0], now).then((found) => ({ onCall: found, stamp: null })),
        ]);
        const commanderId = input.commanderId ?? onCall?.userId ?? null;
        const entries = declarationEntries(input, status, names, onCall);
        const { incident, people } = await writeDeclaration(tx, {
          incident: {
            year: now.getUTCFullYear(),
            title: input.title,
            description: input.description ?? "",
            severity: input.severity,
            status,
            environment: input.environment,
            commanderId,
            technicalLeadId: input.technicalLeadId ?? null,
            communicatorId: input.communicatorId ?? null,
            source: options.source ?? "api",
            sourceLabel: input.declaredBy ?? null,
            impactStartedAt: requested ?? null,
            // An incident born from an alert takes its start from the alert's first breach: measured, not reported.
            impactStartSource: requested
              ? (options.impactStartSource ?? (options.source === "alert" ? "alert" : "reported"))
              : "declared_default",
          },
          services: input.services,
          actor: actorLabel(actor),
          actorUserId: actorUserId(actor),
          now,
          ordered: options.now === undefined,
          tokensVersion: options.tokensVersion ?? null,
          oncallStamp: stamp,
          entries,
          // What every timeline write announces (a new incident is at version 1). The statement adds the
          // entry's id, the incident id, actor and time, and draws the events' ids while it holds the
          // counter, so they follow ID order.
          events: entries.flatMap((entry, index) =>
            eventsOfEntry({ ...entry, id: 0 /* the statement sets it */ }, 1).map((event) => ({
              ...event,
              entry: index + 1,
            })),
          ),
          people: [
            ...new Set(
              [commanderId, input.technicalLeadId, input.communicatorId].filter((v): v is string => !!v),
            ),
          ],
        });
        // The answer is built from what was just written, not read again after the commit.
        return toIncidentView(incident, [...input.services].sort(), [], people);
      },
      // Its one write statement holds the year's counter row from its increment to its commit: run alone,
      // that is PostgreSQL's time only, never a round trip to this process (which queued every other
      // declaration behind the holder's network and event-loop waits).
      { oneStatement: true },
    );
  return attempt(cacheable)
    .catch((error: unknown) => {
      if (!cacheable || pgErrorCode(error) !== ONCALL_STAMP_MOVED) throw error;
      forgetOnCallStates();
      return attempt(false);
    })
    .catch(async (error: unknown) => {
      if (pgErrorCode(error) === "23503") await assertEnvironment(db, input.environment);
      throw error;
    });
}

function declarationEntries(
  input: DeclareIncidentInput,
  status: string,
  names: Map<string, string>,
  onCall: OnCallView | null,
): PendingEntry[] {
  const entries: PendingEntry[] = [
    {
      kind: "declared",
      data: {
        severity: input.severity,
        services: input.services,
        environment: input.environment,
        title: input.title,
      },
    },
  ];
  if (status === "investigating") {
    entries.push({
      kind: "status_changed",
      data: { from: "declared", to: "investigating", reason: "advance" },
    });
  }
  const person = (userId: string) => ({ id: userId, name: names.get(userId) ?? userId });
  if (input.commanderId)
    entries.push({ kind: "commander_changed", data: { from: null, to: person(input.commanderId) } });
  else if (onCall?.userId) {
    entries.push({
      kind: "commander_changed",
      data: {
        from: null,
        to: { id: onCall.userId, name: onCall.name },
        reason: "on_call",
        service: input.services[0],
      },
    });
  }
  for (const role of ["technicalLead", "communicator"] as const) {
    const userId = input[`${role}Id`];
    if (userId) entries.push({ kind: "role_changed", data: { role, from: null, to: person(userId) } });
  }
  return entries;
}

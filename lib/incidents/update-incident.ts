import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { incidentServices } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertAssignees, assertEnvironment, assertUsers, ensureServices } from "@/lib/catalog/references";
import { validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { getIncident } from "./get-incident";
import { applyTransition, type PhaseFields, phaseFieldsOf } from "./lifecycle";
import { bumpVersion, type IncidentRow, lockIncident } from "./lock-incident";
import { type ImpactStartSource, UpdateIncidentInput } from "./schemas";
import { type Severity, severityDirection } from "./severity";
import { appendTimeline, type PendingEntry } from "./timeline-writer";

/** impactStartSource: who measured the start ("alert" when accepted from the linked alerts' first breach). */
export type UpdateOptions = UseCaseOptions & {
  expectedVersion?: number;
  impactStartSource?: ImpactStartSource;
};

const ROLE_FIELDS = {
  commanderId: { role: "commander", kind: "commander_changed" },
  technicalLeadId: { role: "technicalLead", kind: "role_changed" },
  communicatorId: { role: "communicator", kind: "role_changed" },
} as const;

/** PATCH semantics: every field given is applied, each change writes its own timeline entry. */
export async function updateIncident(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UpdateOptions = {},
) {
  authorize(actor, "incidents.update");
  const input = parseInput(UpdateIncidentInput, rawInput);
  if (Object.keys(input).length === 0)
    throw validationError([{ path: "", message: "Send at least one field to change." }]);
  await runTransaction(db, async (tx) => {
    const row = await lockIncident(tx, id, options.expectedVersion);
    const now = clock(options);
    const changes: Partial<IncidentRow> = {};
    const entries: PendingEntry[] = [];

    const edited: string[] = [];
    if (input.title !== undefined && input.title !== row.title) {
      changes.title = input.title;
      edited.push("title");
    }
    if (input.description !== undefined && input.description !== row.description) {
      changes.description = input.description;
      edited.push("description");
    }
    if (edited.length)
      entries.push({
        kind: "details_changed",
        data: { fields: edited, ...(changes.title ? { from: row.title, to: changes.title } : {}) },
      });

    if (input.environment !== undefined && input.environment !== row.environment) {
      await assertEnvironment(tx, input.environment);
      changes.environment = input.environment;
      entries.push({ kind: "environment_changed", data: { from: row.environment, to: input.environment } });
    }

    if (input.impactStartedAt !== undefined) {
      const at = new Date(input.impactStartedAt);
      if (at.getTime() > row.createdAt.getTime()) {
        throw validationError([
          { path: "impactStartedAt", message: "Impact cannot start after the incident was declared." },
        ]);
      }
      if (at.getTime() !== row.impactStartedAt.getTime()) {
        changes.impactStartedAt = at;
        changes.impactStartSource = options.impactStartSource ?? "reported";
        entries.push({
          kind: "impact_start_changed",
          data: {
            from: row.impactStartedAt.toISOString(),
            to: at.toISOString(),
            source: changes.impactStartSource,
          },
        });
      }
    }

    if (input.severity !== undefined && input.severity !== row.severity) {
      const from = row.severity as Severity;
      changes.severity = input.severity;
      entries.push({
        kind: "severity_changed",
        data: { from, to: input.severity, direction: severityDirection(from, input.severity) },
      });
    }

    // Only a changed role is checked: a form re-sending a holder who has since become a viewer still saves.
    const changed = (field: keyof typeof ROLE_FIELDS) =>
      input[field] === row[field] ? undefined : input[field];
    const names = await assertAssignees(tx, {
      commanderId: changed("commanderId"),
      technicalLeadId: changed("technicalLeadId"),
      communicatorId: changed("communicatorId"),
    });
    const previous = await assertUsers(tx, {
      a: row.commanderId,
      b: row.technicalLeadId,
      c: row.communicatorId,
    });
    const person = (userId: string | null) =>
      userId ? { id: userId, name: names.get(userId) ?? previous.get(userId) ?? userId } : null;
    for (const [field, meta] of Object.entries(ROLE_FIELDS) as [
      keyof typeof ROLE_FIELDS,
      (typeof ROLE_FIELDS)[keyof typeof ROLE_FIELDS],
    ][]) {
      const next = input[field];
      if (next === undefined || next === row[field]) continue;
      changes[field] = next;
      const data = { from: person(row[field]), to: person(next) };
      entries.push({
        kind: meta.kind,
        data: meta.kind === "role_changed" ? { role: meta.role, ...data } : data,
      });
    }

    if (input.services !== undefined) entries.push(...(await replaceServices(tx, row, input.services)));

    const summaryEdits = pickSummaryEdits(row, input);
    if (input.status !== undefined && input.status !== row.status) {
      const { next, event } = applyTransition(
        phaseFieldsOf(row),
        {
          to: input.status,
          mitigationSummary: input.mitigationSummary,
          resolutionSummary: input.resolutionSummary,
          resolvedAt: input.resolvedAt ? new Date(input.resolvedAt) : undefined,
        },
        now,
      );
      // Only what the move changed: an untouched summary must not mask one sent beside the status.
      for (const [field, value] of Object.entries(next) as [
        keyof PhaseFields,
        PhaseFields[keyof PhaseFields],
      ][]) {
        if (value !== row[field]) Object.assign(changes, { [field]: value });
      }
      entries.push(event);
    }
    // Summaries sent beside a status they do not belong to (or without one) are edits of their own.
    const edits = summaryEdits.filter((field) => changes[field] === undefined);
    if (edits.length) {
      for (const field of edits) changes[field] = input[field]!;
      entries.push({ kind: "details_changed", data: { fields: edits } });
    }

    if (entries.length === 0) return;
    const { version } = await bumpVersion(tx, row, changes, now);
    // A resolution's postmortem follows as a consumer of incident.resolved (lib/postmortems).
    await appendTimeline(tx, id, actor, entries, now, { version });
  });

  return getIncident(db, actor, id);
}

function pickSummaryEdits(row: IncidentRow, input: UpdateIncidentInput) {
  const fields: ("mitigationSummary" | "resolutionSummary")[] = [];
  if (input.mitigationSummary !== undefined && input.mitigationSummary !== row.mitigationSummary)
    fields.push("mitigationSummary");
  if (input.resolutionSummary !== undefined && input.resolutionSummary !== row.resolutionSummary)
    fields.push("resolutionSummary");
  return fields;
}

async function replaceServices(
  tx: Db,
  { id, createdAt }: IncidentRow,
  wanted: string[],
): Promise<PendingEntry[]> {
  const current = (
    await tx
      .select({ slug: incidentServices.serviceSlug })
      .from(incidentServices)
      .where(eq(incidentServices.incidentId, id))
  ).map((r) => r.slug);
  const added = wanted.filter((s) => !current.includes(s));
  const removed = current.filter((s) => !wanted.includes(s));
  if (added.length) {
    await ensureServices(tx, added);
    await tx
      .insert(incidentServices)
      .values(added.map((serviceSlug) => ({ incidentId: id, serviceSlug, incidentCreatedAt: createdAt })));
  }
  if (removed.length) {
    await tx
      .delete(incidentServices)
      .where(and(eq(incidentServices.incidentId, id), inArray(incidentServices.serviceSlug, removed)));
  }
  return [
    ...added.map((service) => ({ kind: "service_added" as const, data: { service } })),
    ...removed.map((service) => ({ kind: "service_removed" as const, data: { service } })),
  ];
}

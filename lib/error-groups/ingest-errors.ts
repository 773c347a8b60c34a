import { randomBytes } from "node:crypto";
import { getTableColumns, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { errorGroupHourly, errorGroups } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertEnvironment, ensureServices } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { type NewEvent, recordEvents } from "@/lib/events/record-event";
import { validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { ErrorOccurrence, type ErrorGroupView, IngestErrorsBatch, isErrorBatch } from "./schemas";
import { toErrorGroupView } from "./to-view";

const HOUR = 3_600_000;
const INT_MAX = 2_147_483_647;

export type IngestedGroup = { group: ErrorGroupView; created: boolean };

type Pending = {
  service: string;
  environment: string;
  fingerprint: string;
  title: string;
  culprit: string | null;
  count: number;
  usersAffected: number;
  firstSeen: Date;
  lastSeen: Date;
  hours: Map<number, number>;
};

export const newErrorGroupId = () => `err_${randomBytes(8).toString("hex")}`;

/**
 * Upserts one error group per (service, environment, fingerprint) with INSERT … ON CONFLICT DO UPDATE,
 * so simultaneous reports of one fingerprint add up instead of racing. `created` says whether this
 * call made the group (the `error_group_created` fact). Occurrences of one batch are summed first and
 * the groups written in key order, so two batches never wait on each other's rows in opposite orders.
 */
export async function ingestErrors(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<{ items: IngestedGroup[] }> {
  authorize(actor, "errors.report");
  // Parsed with one schema or the other, not the union, so a refusal names the offending field.
  const batch = isErrorBatch(rawInput);
  const occurrences = batch
    ? parseInput(IngestErrorsBatch, rawInput).occurrences
    : [parseInput(ErrorOccurrence, rawInput)];
  const now = clock(options);

  const pending = new Map<string, Pending>();
  const errors: { path: string; message: string }[] = [];
  occurrences.forEach((o, index) => {
    const seen = o.seenAt ? new Date(o.seenAt) : now;
    if (seen.getTime() > now.getTime() + 5 * 60_000)
      errors.push({ path: !batch ? "seenAt" : `occurrences.${index}.seenAt`, message: "In the future." });
    const key = JSON.stringify([o.service, o.environment, o.fingerprint]);
    const entry = pending.get(key) ?? {
      service: o.service,
      environment: o.environment,
      fingerprint: o.fingerprint,
      title: o.title,
      culprit: o.culprit ?? null,
      count: 0,
      usersAffected: 0,
      firstSeen: seen,
      lastSeen: seen,
      hours: new Map<number, number>(),
    };
    entry.count = Math.min(INT_MAX, entry.count + o.count);
    entry.usersAffected = Math.max(entry.usersAffected, o.usersAffected);
    if (seen < entry.firstSeen) entry.firstSeen = seen;
    if (seen > entry.lastSeen) entry.lastSeen = seen;
    const hour = Math.floor(seen.getTime() / HOUR) * HOUR;
    entry.hours.set(hour, Math.min(INT_MAX, (entry.hours.get(hour) ?? 0) + o.count));
    pending.set(key, entry);
  });
  if (errors.length) throw validationError(errors, "Some occurrences are invalid; none were stored.");
  const ordered = [...pending.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, value]) => value);

  return runTransaction(db, async (tx) => {
    for (const environment of new Set(ordered.map((p) => p.environment)))
      await assertEnvironment(tx, environment, "environment");
    await ensureServices(
      tx,
      ordered.map((p) => p.service),
    );
    const items: IngestedGroup[] = [];
    const announced: NewEvent[] = [];
    for (const p of ordered) {
      const [row] = await tx
        .insert(errorGroups)
        .values({
          id: newErrorGroupId(),
          fingerprint: p.fingerprint,
          title: p.title,
          culprit: p.culprit,
          service: p.service,
          environment: p.environment,
          count: p.count,
          usersAffected: p.usersAffected,
          firstSeen: p.firstSeen,
          lastSeen: p.lastSeen,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [errorGroups.service, errorGroups.environment, errorGroups.fingerprint],
          set: {
            // Saturates instead of overflowing: a 500 would lose the report, a capped count loses nothing useful.
            count: sql`least(${errorGroups.count}::bigint + excluded.count, ${INT_MAX})::int`,
            usersAffected: sql`greatest(${errorGroups.usersAffected}, excluded.users_affected)`,
            firstSeen: sql`least(${errorGroups.firstSeen}, excluded.first_seen)`,
            lastSeen: sql`greatest(${errorGroups.lastSeen}, excluded.last_seen)`,
            culprit: sql`coalesce(${errorGroups.culprit}, excluded.culprit)`,
            // A resolved error that happens again is a regression; an ignored one stays ignored.
            status: sql`case when ${errorGroups.status} = 'resolved' then 'unresolved' else ${errorGroups.status} end`,
            updatedAt: now,
          },
        })
        .returning({ ...getTableColumns(errorGroups), created: sql<boolean>`(xmax = 0)` });
      await tx
        .insert(errorGroupHourly)
        .values(
          [...p.hours.entries()]
            .sort(([a], [b]) => a - b)
            .map(([hour, count]) => ({ groupId: row.id, hour: new Date(hour), count })),
        )
        .onConflictDoUpdate({
          target: [errorGroupHourly.groupId, errorGroupHourly.hour],
          set: { count: sql`least(${errorGroupHourly.count}::bigint + excluded.count, ${INT_MAX})::int` },
        });
      const created = row.created === true || String(row.created) === "true";
      items.push({ group: toErrorGroupView(row), created });
      if (created) {
        const payload = {
          service: row.service,
          environment: row.environment,
          fingerprint: row.fingerprint,
          title: row.title,
        };
        announced.push({
          type: "error_group.created",
          subjectId: row.id,
          incidentId: null,
          payload,
          actor,
          createdAt: now,
        });
      }
    }
    // In the transaction that made the groups: announced exactly when, and only if, they exist.
    await recordEvents(tx, announced);
    return { items };
  });
}

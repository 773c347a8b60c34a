import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, timelineEntries } from "@/db/incidents-schema";
import { reminderEmissions } from "@/db/reminders-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { MANUAL_UPDATE_KINDS, type UpdateIntervals, updateSilence } from "@/lib/incidents/attention";
import { STATUSES, type Status } from "@/lib/incidents/lifecycle";
import { lockIncident } from "@/lib/incidents/lock-incident";
import type { Severity } from "@/lib/incidents/severity";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import { claimReminder, fireSafely } from "./claim-reminder";
import { incidentFacts, reminderActor } from "./incident-facts";

const OPEN_STATUSES = STATUSES.filter((s) => s !== "resolved");

/** When the incident's last manual update was posted (null: none yet). */
export async function lastManualUpdateAt(db: Db, incidentId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(timelineEntries.createdAt) })
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.incidentId, incidentId),
        inArray(timelineEntries.kind, [...MANUAL_UPDATE_KINDS]),
      ),
    );
  return row?.at ? new Date(row.at) : null;
}

/**
 * Emits `incident.update_overdue` once per silence for every open incident whose severity has an
 * interval and that has gone longer than it without a manual update. The silence is keyed by its
 * start (the last manual update, else the declaration), so posting an update starts a new one.
 * The event comes from a system timeline note (kind update_overdue) written in the same transaction:
 * the incident's record shows that a reminder went out, and the note is no update itself. The
 * incident's version is not bumped: a reminder must never make a person's open form stale (412).
 */
export async function emitUpdateOverdue(db: Db, intervals: UpdateIntervals, now: Date): Promise<number> {
  const severities = (Object.keys(intervals) as Severity[]).filter((s) => intervals[s] !== null);
  if (severities.length === 0) return 0;
  // Correlated per open incident (timeline_incident_idx), never a scan of every incident's timeline.
  const manualKinds = sql.join(
    MANUAL_UPDATE_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const open = await db
    .select({
      id: incidents.id,
      severity: incidents.severity,
      status: incidents.status,
      createdAt: incidents.createdAt,
      lastManualUpdateAt: sql<
        string | Date | null
      >`(select max(t.created_at) from ${timelineEntries} t where t.incident_id = "incidents"."id" and t.kind in (${manualKinds}))`,
    })
    .from(incidents)
    .where(and(inArray(incidents.status, OPEN_STATUSES), inArray(incidents.severity, severities)));
  const due = open.flatMap((row) => {
    const silence = updateSilence(
      {
        severity: row.severity as Severity,
        status: row.status as Status,
        createdAt: row.createdAt,
        lastManualUpdateAt: row.lastManualUpdateAt ? new Date(row.lastManualUpdateAt) : null,
      },
      intervals,
      now,
    );
    return silence.overdue ? [{ id: row.id, period: silence.silentSince.toISOString() }] : [];
  });
  if (due.length === 0) return 0;
  const claimed = await db
    .select({ subjectId: reminderEmissions.subjectId, periodKey: reminderEmissions.periodKey })
    .from(reminderEmissions)
    .where(
      and(
        eq(reminderEmissions.kind, "update_overdue"),
        inArray(
          reminderEmissions.subjectId,
          due.map((d) => d.id),
        ),
      ),
    );
  const done = new Set(claimed.map((c) => `${c.subjectId} ${c.periodKey}`));

  let emitted = 0;
  for (const candidate of due.filter((d) => !done.has(`${d.id} ${d.period}`))) {
    if (await fireSafely(() => emitOne(db, candidate.id, intervals, now))) emitted++;
  }
  return emitted;
}

/** Re-decides under the incident lock: an update posted since the scan ends the silence. */
async function emitOne(db: Db, incidentId: string, intervals: UpdateIntervals, now: Date): Promise<boolean> {
  return runTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    const silence = updateSilence(
      {
        severity: incident.severity as Severity,
        status: incident.status as Status,
        createdAt: incident.createdAt,
        lastManualUpdateAt: await lastManualUpdateAt(tx, incidentId),
      },
      intervals,
      now,
    );
    if (!silence.overdue) return false;
    if (!(await claimReminder(tx, "update_overdue", incidentId, silence.silentSince.toISOString(), now)))
      return false;
    const facts = await incidentFacts(tx, incident);
    await appendTimeline(
      tx,
      incidentId,
      reminderActor,
      [
        {
          kind: "update_overdue",
          data: {
            ...facts,
            silentSince: silence.silentSince.toISOString(),
            minutesSilent: silence.silentMinutes,
            intervalMinutes: silence.intervalMinutes,
          },
        },
      ],
      now,
    );
    return true;
  });
}

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents } from "@/db/incidents-schema";
import { reminderEmissions } from "@/db/reminders-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { responseState } from "@/lib/incidents/attention";
import type { Status } from "@/lib/incidents/lifecycle";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { SEVERITY_TABLE, type Severity } from "@/lib/incidents/severity";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import { claimReminder, fireSafely } from "./claim-reminder";
import { incidentFacts, reminderActor } from "./incident-facts";

/**
 * Emits `incident.response_target_missed` once per incident still declared (nobody moved it to
 * investigating) past its severity's response target, from a system timeline note in the same
 * transaction. Same rule as the list's and header's "response target missed" flag (responseState).
 */
export async function emitResponseTargetMissed(db: Db, now: Date): Promise<number> {
  const declared = await db
    .select({
      id: incidents.id,
      severity: incidents.severity,
      status: incidents.status,
      createdAt: incidents.createdAt,
      investigatingAt: incidents.investigatingAt,
    })
    .from(incidents)
    .where(eq(incidents.status, "declared"));
  const breached = declared.filter(
    (row) =>
      responseState({ ...row, severity: row.severity as Severity, status: row.status as Status }, now)
        .breached,
  );
  if (breached.length === 0) return 0;
  const claimed = await db
    .select({ subjectId: reminderEmissions.subjectId })
    .from(reminderEmissions)
    .where(
      and(
        eq(reminderEmissions.kind, "response_target_missed"),
        inArray(
          reminderEmissions.subjectId,
          breached.map((b) => b.id),
        ),
      ),
    );
  const done = new Set(claimed.map((c) => c.subjectId));

  let emitted = 0;
  for (const candidate of breached.filter((b) => !done.has(b.id))) {
    if (await fireSafely(() => emitOne(db, candidate.id, now))) emitted++;
  }
  return emitted;
}

async function emitOne(db: Db, incidentId: string, now: Date): Promise<boolean> {
  return runTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    const severity = incident.severity as Severity;
    const state = responseState({ ...incident, severity, status: incident.status as Status }, now);
    if (!state.breached) return false;
    if (!(await claimReminder(tx, "response_target_missed", incidentId, "", now))) return false;
    const facts = await incidentFacts(tx, incident);
    await appendTimeline(
      tx,
      incidentId,
      reminderActor,
      [
        {
          kind: "response_target_missed",
          data: {
            ...facts,
            declaredAt: incident.createdAt.toISOString(),
            targetMinutes: SEVERITY_TABLE[severity].responseTargetMinutes,
            targetLabel: state.targetLabel,
            minutesSinceDeclared: Math.floor((now.getTime() - incident.createdAt.getTime()) / 60_000),
          },
        },
      ],
      now,
    );
    return true;
  });
}

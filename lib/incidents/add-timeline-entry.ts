import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { bumpVersion, lockIncident } from "./lock-incident";
import { AddTimelineEntryInput } from "./schemas";
import { appendTimeline } from "./timeline-writer";
import { toTimelineView } from "./list-timeline";

/**
 * A manual update. It takes the incident lock like every command so entries interleave in commit
 * order with status changes, and bumps the version: the incident's ETag is how open pages and API
 * clients notice that anything, a new update included, has happened.
 */
export async function addTimelineEntry(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
) {
  authorize(actor, "incidents.update");
  const input = parseInput(AddTimelineEntryInput, rawInput);
  const [entry] = await runTransaction(db, async (tx) => {
    const row = await lockIncident(tx, incidentId);
    const now = clock(options);
    const { version } = await bumpVersion(tx, row, {}, now);
    return appendTimeline(tx, incidentId, actor, [{ kind: input.type, message: input.message }], now, {
      version,
    });
  });
  return toTimelineView(entry);
}

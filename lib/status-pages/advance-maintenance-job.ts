import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusMaintenances } from "@/db/status-pages-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { defineJob } from "@/lib/jobs/registry";
import { type AdvanceMaintenanceJobData, advanceMaintenanceJobSpec } from "./maintenance-job-specs";
import {
  lockMaintenance,
  MAINTENANCE_ACTOR,
  moveMaintenance,
  recordMaintenanceEvent,
  reminderTime,
} from "./maintenance-transitions";
import type { PublicSnapshot } from "./public-snapshot";
import { rememberSnapshots } from "./snapshot-cache";

/**
 * One timer of a maintenance, under the page's and the maintenance's locks: it acts only if the
 * maintenance still has the time it was queued for and the state the step moves from, so a timer
 * run twice, one of an edited window, or one after a cancel does nothing. An end timer that finds
 * the maintenance never started (its start timer late) completes it all the same. Answers what it did.
 */
export async function advanceMaintenance(
  db: Db,
  data: AdvanceMaintenanceJobData,
  now = new Date(),
): Promise<"reminded" | "started" | "completed" | "nothing"> {
  const at = new Date(data.at).getTime();
  const outcome = await runTransaction(db, async (tx) => {
    const [seen] = await tx
      .select({ pageId: statusMaintenances.pageId })
      .from(statusMaintenances)
      .where(eq(statusMaintenances.id, data.maintenanceId));
    if (!seen) return { did: "nothing" as const }; // Deleted with its page.
    const { page, row } = await lockMaintenance(tx, seen.pageId, data.maintenanceId).catch((error) => {
      if (error instanceof DomainError && error.code === "not_found") return { page: null, row: null };
      throw error;
    });
    if (!page || !row) return { did: "nothing" as const };
    if (data.step === "remind") {
      if (row.state !== "scheduled" || row.remindedAt || reminderTime(row)?.getTime() !== at)
        return { did: "nothing" as const };
      const [reminded] = await tx
        .update(statusMaintenances)
        .set({ remindedAt: now })
        .where(eq(statusMaintenances.id, row.id))
        .returning();
      await recordMaintenanceEvent(tx, MAINTENANCE_ACTOR, "maintenance.reminder_due", reminded, now);
      return { did: "reminded" as const };
    }
    if (data.step === "start") {
      if (row.state !== "scheduled" || row.startsAt.getTime() !== at) return { did: "nothing" as const };
      const moved = await moveMaintenance(tx, MAINTENANCE_ACTOR, page, row, "in_progress", now);
      return { did: "started" as const, snapshot: moved.snapshot };
    }
    if ((row.state !== "in_progress" && row.state !== "scheduled") || row.endsAt.getTime() !== at)
      return { did: "nothing" as const };
    const moved = await moveMaintenance(tx, MAINTENANCE_ACTOR, page, row, "completed", now);
    return { did: "completed" as const, snapshot: moved.snapshot };
  });
  const snapshot: PublicSnapshot | undefined = "snapshot" in outcome ? outcome.snapshot : undefined;
  if (snapshot) rememberSnapshots(db, [snapshot]);
  return outcome.did;
}

export const advanceMaintenanceJob = defineJob(advanceMaintenanceJobSpec, async (data, { db }) => {
  await advanceMaintenance(db, data);
});

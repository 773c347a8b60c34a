import { asc, inArray } from "drizzle-orm";
import { pages } from "@/db/paging-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { escalateJobSpec, type EscalationTimer } from "./job-specs";
import { runEscalationSteps, type StepRun } from "./run-escalation-step";

/**
 * Step timers fired (one, or a batch of those due together). The pages' locks, taken in id order,
 * order them with acknowledgements: a timer that lost the race (the page was answered, escalated by
 * hand, or the timer is a redelivery) finds the sequence moved and does nothing.
 */
export const escalateJob = defineJob(escalateJobSpec, async (data, { db }) => {
  const timers: EscalationTimer[] = "timers" in data ? data.timers : [data];
  await runTransaction(db, async (tx) => {
    const locked = await tx
      .select()
      .from(pages)
      .where(
        inArray(
          pages.id,
          timers.map((t) => t.pageId),
        ),
      )
      .orderBy(asc(pages.id))
      .for("update");
    const byId = new Map(locked.map((page) => [page.id, page]));
    const runs = new Map<string, StepRun>();
    for (const { pageId, ...at } of timers) {
      const page = byId.get(pageId);
      if (page?.state === "triggered" && page.escalationSeq === at.seq) runs.set(pageId, { page, at });
    }
    await runEscalationSteps(tx, [...runs.values()], new Date());
  });
});

import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { lockPage } from "./change-page";
import { escalateJobSpec } from "./job-specs";
import { runEscalationStep } from "./run-escalation-step";

/**
 * A step's timer fired. The page's lock orders it with acknowledgements: a timer that lost the race
 * (the page was answered, escalated by hand, or the timer is a redelivery) finds the sequence moved.
 */
export const escalateJob = defineJob(escalateJobSpec, async (data, { db }) => {
  await runTransaction(db, async (tx) => {
    const page = await lockPage(tx, data.pageId).catch(() => null);
    if (!page || page.state !== "triggered" || page.escalationSeq !== data.seq) return;
    await runEscalationStep(tx, page, data, new Date());
  });
});

import { runTransaction } from "@/lib/db/run-transaction";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { defineJob } from "@/lib/jobs/registry";
import { lockPage, retrigger } from "./change-page";
import { ackTimeoutJobSpec, escalateJobSpec } from "./job-specs";
import { logPage } from "./page-log";
import { PAGING_ACTOR } from "./run-escalation-step";

/**
 * The acknowledgement ran out: the page is triggered again from step 1, so an acknowledged page
 * nobody works on cannot sit forever. A page resolved, escalated or re-acknowledged since has moved on.
 */
export const ackTimeoutJob = defineJob(ackTimeoutJobSpec, async (data, { db }) => {
  await runTransaction(db, async (tx) => {
    const page = await lockPage(tx, data.pageId).catch(() => null);
    if (!page || page.state !== "acknowledged" || page.escalationSeq !== data.seq) return;
    const now = new Date();
    const row = await retrigger(tx, page, now);
    await logPage(
      tx,
      row,
      PAGING_ACTOR,
      {
        kind: "page_escalated",
        message: `Acknowledged ${page.ackTimeoutMinutes} minutes ago and not resolved: paging again from step 1.`,
        data: { ackTimeout: true },
      },
      now,
    );
    await enqueueJob(tx, escalateJobSpec, { pageId: page.id, seq: row.escalationSeq, step: 0, pass: 0 });
  });
});

import { defineJob } from "@/lib/jobs/registry";
import { sendMail } from "./send-mail";
import { BATCH_BUDGET_MS, SEND_BATCH_PARALLEL, sendMailBatchJobSpec, sendMailJobSpec } from "./send-job-spec";

/** A failed attempt throws, so the queue retries it with backoff (lib/mail/retry-policy.ts). */
export const sendMailJob = defineJob(sendMailJobSpec, async (data, { db, retryCount }) => {
  const report = await sendMail(db, data, { retryCount });
  if (report.status === "retrying") throw new Error(`Mail ${data.mailId} not sent: ${report.error}`);
  // Sent by its thread's earlier mail's run once that one is out; this job's retry is the fallback.
  if (report.status === "waiting") throw new Error(`Mail ${data.mailId} is ${report.why}.`);
});

/**
 * A batch's mails, SEND_BATCH_PARALLEL at a time, each exactly as mail.send sends it. The run throws
 * when any of them is to be retried (or waits for its thread), so the queue runs the batch again:
 * the mails already sent or given up are skipped by their claim, the rest make their next attempt.
 */
export const sendMailBatchJob = defineJob(sendMailBatchJobSpec, async (data, { db, retryCount }) => {
  const unsent: string[] = [];
  const queue = [...data.mailIds];
  const stopAt = Date.now() + BATCH_BUDGET_MS;
  const lane = async () => {
    for (let mailId = queue.shift(); mailId; mailId = queue.shift()) {
      if (Date.now() > stopAt) {
        unsent.push(mailId);
        continue;
      }
      const report = await sendMail(db, { mailId }, { retryCount });
      if (report.status === "retrying" || report.status === "waiting") unsent.push(mailId);
    }
  };
  await Promise.all(Array.from({ length: SEND_BATCH_PARALLEL }, lane));
  if (unsent.length) throw new Error(`Mails not sent yet, retried with the batch: ${unsent.join(", ")}`);
});

import { defineJob } from "@/lib/jobs/registry";
import { sendMail } from "./send-mail";
import { sendMailJobSpec } from "./send-job-spec";

/** A failed attempt throws, so the queue retries it with backoff (lib/mail/retry-policy.ts). */
export const sendMailJob = defineJob(sendMailJobSpec, async (data, { db, retryCount }) => {
  const report = await sendMail(db, data, { retryCount });
  if (report.status === "retrying") throw new Error(`Mail ${data.mailId} not sent: ${report.error}`);
  // Sent by its thread's earlier mail's run once that one is out; this job's retry is the fallback.
  if (report.status === "waiting") throw new Error(`Mail ${data.mailId} is ${report.why}.`);
});

import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";
import { MAIL_RETRY_DELAY_SECONDS, MAIL_RETRY_LIMIT } from "./retry-policy";

export const SendMailJobInput = z.object({ mailId: z.string().min(1) });
export type SendMailJobData = z.infer<typeof SendMailJobInput>;

// Apart from the job module so that enqueueing (use cases, consumers) does not load nodemailer.
export const sendMailJobSpec = jobSpec({
  name: "mail.send",
  payload: SendMailJobInput,
  options: {
    // A failed attempt (an SMTP 4xx/5xx, no connection) throws and the queue retries it with backoff.
    retryLimit: MAIL_RETRY_LIMIT,
    retryDelaySeconds: MAIL_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    // A send is bounded by the transport's timeouts (well under a minute); a job still active after
    // two minutes died with its instance and is handed out again.
    expireInSeconds: 120,
    concurrency: 4,
  },
});

/** Mails per batch job, and how many of them one run sends at once. */
export const SEND_BATCH_SIZE = 25;
export const SEND_BATCH_PARALLEL = 4;
/** How long a batch run starts new sends; the ones left are retried with the batch. */
export const BATCH_BUDGET_MS = 60_000;

export const SendMailBatchJobInput = z.object({
  mailIds: z.array(z.string().min(1)).min(1).max(SEND_BATCH_SIZE),
});
export type SendMailBatchJobData = z.infer<typeof SendMailBatchJobInput>;

/**
 * The same sending for a bulk sender's mails (a status update to 10,000 subscribers), SEND_BATCH_SIZE
 * to a job: one fetch and one completion per batch instead of per mail. Each mail keeps its own
 * attempt count, so a retried batch resends only the mails that are not sent yet, on the same
 * schedule and limit as mail.send (decision 0117).
 */
export const sendMailBatchJobSpec = jobSpec({
  name: "mail.send-batch",
  payload: SendMailBatchJobInput,
  options: {
    retryLimit: MAIL_RETRY_LIMIT,
    retryDelaySeconds: MAIL_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    // The run starts no send after BATCH_BUDGET_MS, so it ends (a last send's timeouts included)
    // before the expiry hands the batch to another worker.
    expireInSeconds: 120,
    concurrency: 4,
  },
});

/** SMTP connections per process: every send that may run at once has one of its own. */
export const SMTP_MAX_CONNECTIONS =
  (sendMailJobSpec.options.concurrency ?? 1) +
  (sendMailBatchJobSpec.options.concurrency ?? 1) * SEND_BATCH_PARALLEL;

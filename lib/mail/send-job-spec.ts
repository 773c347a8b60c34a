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

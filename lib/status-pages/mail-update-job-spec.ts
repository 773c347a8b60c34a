import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";

/** Subscribers mailed per job: one chunk's mails and their send jobs are one short transaction. */
export const FANOUT_CHUNK = 500;

export const MailUpdateJobInput = z.object({
  updateId: z.string().min(1),
  subscriberIds: z.array(z.string().min(1)).min(1).max(FANOUT_CHUNK),
});
export type MailUpdateJobData = z.infer<typeof MailUpdateJobInput>;

// Apart from the job module, so the consumer that enqueues it does not load the mail's rendering.
export const mailUpdateJobSpec = jobSpec({
  name: "status-pages.mail-update",
  payload: MailUpdateJobInput,
  options: { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120, concurrency: 2 },
});

/** One update's mail to one subscriber, whoever enqueues it and however often. */
export const updateMailKey = (updateId: string, subscriberId: string) =>
  `status-update:${updateId}:${subscriberId}`;
/** The prefix of every mail of one update (its delivery counts). */
export const updateMailPrefix = (updateId: string) => `status-update:${updateId}:`;

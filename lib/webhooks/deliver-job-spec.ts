import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";

export const DeliverJobInput = z.object({ deliveryId: z.string().min(1), attempt: z.number().int().min(1) });
export type DeliverJobData = z.infer<typeof DeliverJobInput>;

// Apart from the job module so that enqueueing (web requests, consumers) does not load the sender.
export const deliverJobSpec = jobSpec({
  name: "webhooks.deliver",
  payload: DeliverJobInput,
  options: {
    // Failed HTTP attempts are retried by deliverWebhook itself (it queues the next attempt); these
    // retries only cover the handler itself failing (database down, a crash).
    retryLimit: 5,
    retryDelaySeconds: 10,
    retryBackoff: true,
    // One request is at most 10 s; a job still active after a minute died and is handed out again.
    expireInSeconds: 60,
    concurrency: 4,
  },
});

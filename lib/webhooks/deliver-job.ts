import { defineJob } from "@/lib/jobs/registry";
import { DELIVER_JOB, type DeliverJobData } from "./deliver-job-name";
import { deliverWebhook } from "./deliver-webhook";

export const deliverWebhookJob = defineJob<DeliverJobData>(
  DELIVER_JOB,
  async (data, { db }) => {
    await deliverWebhook(db, data);
  },
  {
    // Failed HTTP attempts are retried by deliverWebhook itself (it queues the next attempt); these
    // retries only cover the handler itself failing (database down, a crash).
    retryLimit: 5,
    retryDelaySeconds: 10,
    retryBackoff: true,
    // One request is at most 10 s; a job still active after a minute died and is handed out again.
    expireInSeconds: 60,
    concurrency: 4,
  },
);

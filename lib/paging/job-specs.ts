import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";

// Apart from the handlers so that use cases queue timers without loading the engine.

/** Run step `step` of pass `pass` of the page's policy, if the page's escalation is still at `seq`. */
export const escalateJobSpec = jobSpec({
  name: "paging.escalate",
  payload: z.object({
    pageId: z.string().min(1),
    seq: z.number().int().min(1),
    step: z.number().int().min(0),
    pass: z.number().int().min(0),
  }),
  // Timers: an idle worker looks for due ones twice a second (the lateness bound), and a thousand
  // pages due at once are worked eight at a time per instance.
  options: {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    concurrency: 8,
    pollingIntervalSeconds: 0.5,
  },
});

/** Send one notification (a page_notifications row) when it is due, unless the page was answered. */
export const notifyJobSpec = jobSpec({
  name: "paging.notify",
  payload: z.object({ notificationId: z.number().int().min(1) }),
  options: {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    concurrency: 4,
    pollingIntervalSeconds: 1,
  },
});

/** An acknowledged page not resolved by then is triggered again, if it is still at `seq`. */
export const ackTimeoutJobSpec = jobSpec({
  name: "paging.ack-timeout",
  payload: z.object({ pageId: z.string().min(1), seq: z.number().int().min(1) }),
  options: {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    pollingIntervalSeconds: 1,
  },
});

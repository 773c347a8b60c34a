import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";

// Apart from the handlers so that use cases queue timers without loading the engine.

const EscalationTimer = z.object({
  pageId: z.string().min(1),
  seq: z.number().int().min(1),
  step: z.number().int().min(0),
  pass: z.number().int().min(0),
});
export type EscalationTimer = z.infer<typeof EscalationTimer>;

/**
 * Run step `step` of pass `pass` of the page's policy, if the page's escalation is still at `seq`.
 * Each timer is sent alone; timers due together are taken up to 100 at a time and run as one batch
 * (`{ timers }`) in one transaction with set-based statements, so a thousand pages due at one instant
 * escalate within the 2 s goal rather than one transaction (and twenty statements) per page.
 */
export const escalateJobSpec = jobSpec<EscalationTimer | { timers: EscalationTimer[] }>({
  name: "paging.escalate",
  payload: z.union([EscalationTimer, z.object({ timers: z.array(EscalationTimer).min(1) })]),
  // Timers: an idle worker looks for due ones twice a second (the lateness bound); a full batch
  // wakes a sibling, so a burst is worked four batches at a time per instance.
  options: {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    concurrency: 4,
    pollingIntervalSeconds: 0.5,
    batch: {
      size: 100,
      merge: (items) => ({ timers: items.flatMap((item) => ("timers" in item ? item.timers : [item])) }),
    },
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

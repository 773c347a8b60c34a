import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";

export const DispatchJobInput = z.object({ eventIds: z.array(z.number().int().positive()) });
export type DispatchData = z.infer<typeof DispatchJobInput>;

/**
 * The job that hands recorded events to the consumers: what recordEvents (and the declaration's one
 * statement) queue. Its handler is in dispatch-job.ts, with the consumer list.
 */
export const dispatchJobSpec = jobSpec({
  name: "events.dispatch",
  payload: DispatchJobInput,
  options: {
    retryLimit: 10,
    retryDelaySeconds: 5,
    retryBackoff: true,
    concurrency: 2,
    // A burst of declarations or alerts is dispatched in bulk: one fetch, one read of the events, one
    // interest check per consumer, one completion (lib/events/consumers.ts).
    batch: {
      size: 100,
      merge: (items: DispatchData[]) => ({ eventIds: items.flatMap((item) => item.eventIds) }),
    },
    // Consumers are short transactions; a batch held by a killed instance is redelivered after a minute.
    expireInSeconds: 60,
  },
});

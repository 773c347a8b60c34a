import { defineJob } from "@/lib/jobs/registry";
import { dispatchEvents } from "./consumers";

export const DISPATCH_JOB = "events.dispatch";

export type DispatchData = { eventIds: number[] };

export const dispatchEventsJob = defineJob<DispatchData>(
  DISPATCH_JOB,
  (data, { db }) => dispatchEvents(db, data.eventIds),
  {
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
);

import { defineJob } from "@/lib/jobs/registry";
import { dispatchEvents } from "./consumers";

export const DISPATCH_JOB = "events.dispatch";

export type DispatchData = { eventIds: number[] };

export const dispatchEventsJob = defineJob<DispatchData>(DISPATCH_JOB, (data, { db }) => dispatchEvents(db, data.eventIds), {
  retryLimit: 10,
  retryDelaySeconds: 5,
  retryBackoff: true,
  concurrency: 2,
  // Consumers are short transactions; a batch held by a killed instance is redelivered after a minute.
  expireInSeconds: 60,
});

import { defineJob } from "@/lib/jobs/registry";
import { EVENT_CONSUMERS } from "./consumer-list";
import { dispatchEvents, type EventConsumerDefinition } from "./consumers";
import { dispatchJobSpec } from "./dispatch-job-spec";

/** The dispatch job handing events to these consumers (tests add their own to the list). */
export const dispatchJobWith = (consumers: readonly EventConsumerDefinition[]) =>
  defineJob(dispatchJobSpec, (data, { db }) => dispatchEvents(db, data.eventIds, consumers));

export const dispatchEventsJob = dispatchJobWith(EVENT_CONSUMERS);

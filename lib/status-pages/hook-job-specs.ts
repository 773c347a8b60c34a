import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";
import { FANOUT_CHUNK } from "./mail-update-job-spec";
import { MAINTENANCE_MAIL_KINDS } from "./maintenance-job-specs";

// Apart from the job modules, so the consumer and the use cases that enqueue do not load the senders.
export const HookUpdateJobInput = z.object({
  updateId: z.string().min(1),
  type: z.enum(["public_incident.created", "public_incident.updated", "public_incident.resolved"]),
  subscriberIds: z.array(z.string().min(1)).min(1).max(FANOUT_CHUNK),
});
export type HookUpdateJobData = z.infer<typeof HookUpdateJobInput>;

/** One chunk of an update's webhook and chat subscribers: makes their deliveries (decision 0124). */
export const hookUpdateJobSpec = jobSpec({
  name: "status-pages.hook-update",
  payload: HookUpdateJobInput,
  options: { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120, concurrency: 2 },
});

export const HookMaintenanceJobInput = z.object({
  maintenanceId: z.string().min(1),
  kind: z.enum(MAINTENANCE_MAIL_KINDS),
  subscriberIds: z.array(z.string().min(1)).min(1).max(FANOUT_CHUNK),
});
export type HookMaintenanceJobData = z.infer<typeof HookMaintenanceJobInput>;

/** One chunk of a maintenance event's webhook and chat subscribers, like an update's. */
export const hookMaintenanceJobSpec = jobSpec({
  name: "status-pages.hook-maintenance",
  payload: HookMaintenanceJobInput,
  options: { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120, concurrency: 2 },
});

export const HookDeliverJobInput = z.object({
  deliveryId: z.string().min(1),
  attempt: z.number().int().min(1),
});
export type HookDeliverJobData = z.infer<typeof HookDeliverJobInput>;

/** One attempt of one delivery; a failed HTTP attempt queues the next itself (lib/webhooks' policy). */
export const hookDeliverJobSpec = jobSpec({
  name: "status-pages.hook-deliver",
  payload: HookDeliverJobInput,
  options: { retryLimit: 5, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 60, concurrency: 4 },
});

export const hookUpdateKey = (updateId: string) => `update:${updateId}`;
export const hookMaintenanceKey = (maintenanceId: string, kind: string) =>
  `maintenance:${maintenanceId}:${kind}`;

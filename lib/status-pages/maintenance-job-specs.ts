import { z } from "zod";
import { jobSpec } from "@/lib/jobs/registry";
import { FANOUT_CHUNK } from "./mail-update-job-spec";

// Apart from the handlers, so use cases queue the timers without loading them.

export const MAINTENANCE_STEPS = ["remind", "start", "end"] as const;
export type MaintenanceStep = (typeof MAINTENANCE_STEPS)[number];

/**
 * A maintenance's timer: remind its subscribers, start it or end it. `at` is the time the step was
 * queued for; a timer whose maintenance has since moved (edited window, cancelled, ended early, or a
 * redelivery after the step ran) finds it differs or the state moved on, and does nothing.
 */
export const advanceMaintenanceJobSpec = jobSpec({
  name: "status-pages.advance-maintenance",
  payload: z.object({
    maintenanceId: z.string().min(1),
    step: z.enum(MAINTENANCE_STEPS),
    at: z.iso.datetime(),
  }),
  options: {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: 60,
    pollingIntervalSeconds: 1,
  },
});
export type AdvanceMaintenanceJobData = z.infer<typeof advanceMaintenanceJobSpec.payload>;

/** What a subscriber's maintenance mail tells: one of these per (maintenance, subscriber) at most. */
export const MAINTENANCE_MAIL_KINDS = ["scheduled", "reminder", "started", "completed", "cancelled"] as const;
export type MaintenanceMailKind = (typeof MAINTENANCE_MAIL_KINDS)[number];

export const mailMaintenanceJobSpec = jobSpec({
  name: "status-pages.mail-maintenance",
  payload: z.object({
    maintenanceId: z.string().min(1),
    kind: z.enum(MAINTENANCE_MAIL_KINDS),
    subscriberIds: z.array(z.string().min(1)).min(1).max(FANOUT_CHUNK),
  }),
  options: { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120, concurrency: 2 },
});
export type MailMaintenanceJobData = z.infer<typeof mailMaintenanceJobSpec.payload>;

/** One maintenance mail of one kind to one subscriber, however often it is enqueued. */
export const maintenanceMailKey = (maintenanceId: string, kind: MaintenanceMailKind, subscriberId: string) =>
  `status-maintenance:${maintenanceId}:${kind}:${subscriberId}`;

import { evaluateRulesJob } from "@/lib/alerts/evaluate-rules-job";
import { purgeAuditEventsMaintenance } from "@/lib/audit/purge-audit-events";
import { pruneSignInAttemptsMaintenance } from "@/lib/auth/maintenance";
import { dispatchEventsJob } from "@/lib/events/dispatch-job";
import { purgeExpiredEventsMaintenance } from "@/lib/events/purge-events";
import { purgeIdempotencyKeysMaintenance } from "@/lib/http/idempotency-maintenance";
import { sendMailBatchJob, sendMailJob } from "@/lib/mail/send-job";
import { ackTimeoutJob } from "@/lib/paging/ack-timeout-job";
import { escalateJob } from "@/lib/paging/escalate-job";
import { notifyJob } from "@/lib/paging/notify-job";
import { hookDeliverJob } from "@/lib/status-pages/deliver-hook";
import { hookMaintenanceJob } from "@/lib/status-pages/hook-maintenance-job";
import { hookUpdateJob } from "@/lib/status-pages/hook-update-job";
import { mailUpdateJob } from "@/lib/status-pages/mail-update-job";
import { rollOverSnapshotsMaintenance } from "@/lib/status-pages/roll-over-snapshots";
import { advanceMaintenanceJob } from "@/lib/status-pages/advance-maintenance-job";
import { mailMaintenanceJob } from "@/lib/status-pages/mail-maintenance-job";
import { remindersJob } from "@/lib/reminders/reminders-job";
import { purgeExpiredMetricsMaintenance } from "@/lib/telemetry/purge-expired-metrics";
import { deliverWebhookJob } from "@/lib/webhooks/deliver-job";
import { purgeOldDeliveriesMaintenance } from "@/lib/webhooks/purge-old-deliveries";
import { maintenanceJobFor } from "./maintenance";
import type { AnyJobDefinition } from "./registry";

/** The housekeeping the maintenance job runs every 10 minutes, in this order. */
export const MAINTENANCE_TASKS = [
  purgeExpiredEventsMaintenance,
  pruneSignInAttemptsMaintenance,
  purgeExpiredMetricsMaintenance,
  purgeIdempotencyKeysMaintenance,
  purgeOldDeliveriesMaintenance,
  purgeAuditEventsMaintenance,
  rollOverSnapshotsMaintenance,
];

/**
 * Every job the workers run: a feature adds its job here (and its event consumers to
 * lib/events/consumer-list.ts). Nothing registers itself by being imported.
 */
export const JOBS: readonly AnyJobDefinition[] = [
  dispatchEventsJob,
  maintenanceJobFor(MAINTENANCE_TASKS),
  evaluateRulesJob,
  remindersJob,
  deliverWebhookJob,
  escalateJob,
  notifyJob,
  ackTimeoutJob,
  sendMailJob,
  sendMailBatchJob,
  mailUpdateJob,
  advanceMaintenanceJob,
  mailMaintenanceJob,
  hookUpdateJob,
  hookMaintenanceJob,
  hookDeliverJob,
];

// The whole schema as one module: what drizzle.config.ts points drizzle-kit at and what the client's
// relational queries read. Tables are defined in the file of the domain that owns them (core-schema.ts:
// users, the catalog, incidents and their timeline, events), which import core tables, never this barrel.
export * from "./core-schema";
export { alertEvents, alertRules, alerts } from "./alerts-schema";
export { oncallOverrides, oncallRotationMembers, serviceOncall } from "./oncall-schema";
export { workflowRuns, workflows } from "./workflows-schema";
export { errorGroupHourly, errorGroups, releases } from "./errors-schema";
export { incidentDailyStats, incidentMetricBuckets, incidentMetricSubBuckets } from "./metrics-rollup-schema";
export {
  actionItems,
  type MetricSnapshot,
  type PostmortemSection,
  postmortemSettings,
  postmortems,
} from "./postmortems-schema";
export { oncallStamp, tokenStamp } from "./token-cache-schema";
export { reminderEmissions, reminderSettings } from "./reminders-schema";
export { webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from "./webhooks-schema";
export { type AuditChange, auditEvents } from "./audit-schema";
export { mailMessages } from "./mail-schema";

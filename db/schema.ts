// The whole schema as one module: what drizzle.config.ts points drizzle-kit at and what the client's
// relational queries read. Tables are defined in the file of the domain that owns them, which import
// other schema files, never this barrel; code under lib/ imports the owning file too, so
// .dependency-cruiser.cjs can check who reads which table (docs/decisions/0104-import-rules.md).
export * from "./core-schema";
export {
  incidentCounters,
  incidentLinks,
  incidentServices,
  incidents,
  timelineEntries,
} from "./incidents-schema";
export { eventConsumptions, events } from "./events-schema";
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
export {
  contactMethods,
  escalationPolicies,
  escalationSteps,
  notificationRules,
  pageActionLinks,
  pageAssignments,
  pageLog,
  pageNotifications,
  pages,
  servicePaging,
  type StepTarget,
} from "./paging-schema";
export { mailMessages } from "./mail-schema";
export {
  componentImpacts,
  publicIncidentComponents,
  publicIncidents,
  publicIncidentUpdates,
  statusPageComponents,
  statusPageComponentServices,
  statusPageGroups,
  statusPages,
  statusPageSnapshots,
  statusMaintenanceComponents,
  statusMaintenances,
  statusPageSubscribers,
  statusSubscribeAttempts,
  statusWebhookDeliveries,
  statusWebhookSubscribers,
} from "./status-pages-schema";

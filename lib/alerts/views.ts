import { z } from "zod";
import type { alerts, alertRules } from "@/db/alerts-schema";
import { SeveritySchema } from "@/lib/incidents/schemas";
import { ALERT_SOURCES, ALERT_STATUSES, AlertSeveritySchema, COMPARATORS, RULE_METRICS } from "./schemas";

// What the API answers with; /api/openapi.json is generated from these.
const date = z.date();

export const AlertView = z.object({
  id: z.string().meta({ example: "alt_7kq2m9x4c1vb" }),
  source: z.enum(ALERT_SOURCES),
  dedupKey: z.string(),
  ruleId: z.string().nullable(),
  title: z.string(),
  service: z.string().nullable(),
  environment: z.string(),
  severity: AlertSeveritySchema,
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.unknown()),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  status: z.enum(ALERT_STATUSES),
  startsAt: date,
  endsAt: date.nullable(),
  lastSeenAt: date,
  acknowledgedAt: date.nullable(),
  fireCount: z.number().int(),
  generatorUrl: z.string().nullable(),
  createdAt: date,
  updatedAt: date,
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertDetailView = AlertView.extend({
  events: z.array(z.object({ kind: z.string(), at: date, data: z.record(z.string(), z.unknown()) })),
  incidents: z.array(
    z.object({ id: z.string(), title: z.string(), status: z.string(), severity: z.string() }),
  ),
});
export type AlertDetailView = z.infer<typeof AlertDetailView>;

export const AlertPage = z.object({ items: z.array(AlertView), nextCursor: z.string().nullable() });

export const IngestResultView = z.object({
  outcome: z.enum(["created", "repeated", "acknowledged", "resolved", "unchanged"]),
  dedupKey: z.string(),
  alert: AlertView.nullable(),
  incidentId: z
    .string()
    .nullable()
    .meta({ description: "The open incident the alert is linked to, if any." }),
});
export type IngestResultView = z.infer<typeof IngestResultView>;

export const AlertRuleView = z.object({
  id: z.string().meta({ example: "rule_3f8k2m1q" }),
  name: z.string(),
  service: z.string(),
  environment: z.string(),
  metric: z.enum(RULE_METRICS),
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  forSeconds: z.number().int(),
  severity: AlertSeveritySchema,
  autoCreateIncident: z.boolean(),
  incidentSeverity: SeveritySchema.nullable(),
  enabled: z.boolean(),
  createdBy: z.string(),
  state: z.enum(["ok", "pending", "firing"]),
  stateSince: date.nullable(),
  lastValue: z.number().nullable(),
  lastEvaluatedAt: date.nullable(),
  createdAt: date,
  updatedAt: date,
  version: z.number().int(),
});
export type AlertRuleView = z.infer<typeof AlertRuleView>;

export const toAlertView = (row: typeof alerts.$inferSelect): AlertView => ({
  id: row.id,
  source: row.source as AlertView["source"],
  dedupKey: row.dedupKey,
  ruleId: row.ruleId,
  title: row.title,
  service: row.service,
  environment: row.environment,
  severity: row.severity as AlertView["severity"],
  labels: row.labels,
  annotations: row.annotations,
  value: row.value,
  threshold: row.threshold,
  status: row.status as AlertView["status"],
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  lastSeenAt: row.lastSeenAt,
  acknowledgedAt: row.acknowledgedAt,
  fireCount: row.fireCount,
  generatorUrl: row.generatorUrl,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toAlertRuleView = (row: typeof alertRules.$inferSelect): AlertRuleView => ({
  id: row.id,
  name: row.name,
  service: row.service,
  environment: row.environment,
  metric: row.metric as AlertRuleView["metric"],
  comparator: row.comparator as AlertRuleView["comparator"],
  threshold: row.threshold,
  forSeconds: row.forSeconds,
  severity: row.severity as AlertRuleView["severity"],
  autoCreateIncident: row.autoCreateIncident,
  incidentSeverity: row.incidentSeverity as AlertRuleView["incidentSeverity"],
  enabled: row.enabled,
  createdBy: row.createdBy,
  state: row.evalState as AlertRuleView["state"],
  stateSince: row.stateSince,
  lastValue: row.lastValue,
  lastEvaluatedAt: row.lastEvaluatedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  version: row.version,
});

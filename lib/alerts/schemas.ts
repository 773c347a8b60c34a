import { z } from "zod";
import { isoDateTime, SeveritySchema, slug } from "@/lib/incidents/schemas";
import { boundedJson, boundedText } from "@/lib/json/json-bounds";

export const ALERT_SOURCES = ["rule", "alertmanager", "pagerduty", "api"] as const;
export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const;
export const ALERT_STATUSES = ["firing", "resolved"] as const;
export const ALERT_EVENT_KINDS = ["fired", "repeated", "acknowledged", "resolved"] as const;
export const RULE_METRICS = ["error_rate", "latency_p95", "throughput"] as const;
export const COMPARATORS = [">", ">=", "<", "<="] as const;

export type AlertSource = (typeof ALERT_SOURCES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];
export type RuleMetric = (typeof RULE_METRICS)[number];
export type Comparator = (typeof COMPARATORS)[number];

export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
const labelMap = z
  .record(z.string().max(200), z.string().max(2000))
  .refine((m) => Object.keys(m).length <= 64, "At most 64 labels.");
const annotationMap = z
  .record(z.string().max(200), boundedJson)
  .refine((m) => Object.keys(m).length <= 64, "At most 64 annotations.");
const dedupKey = z.string().trim().min(1, "Give a dedup key.").max(255, "At most 255 characters.");
const title = z.string().trim().min(1, "Give a title.").max(500, "At most 500 characters.");
const url = z.url({ protocol: /^https?$/, message: "An http(s) URL." }).max(2000);

/** The one shape every source is mapped to before ingestAlert sees it. */
export const NormalizedAlert = z.strictObject({
  source: z.enum(ALERT_SOURCES),
  action: z.enum(["fire", "resolve", "acknowledge"]),
  dedupKey,
  title,
  service: slug.nullable(),
  environment: slug,
  severity: AlertSeveritySchema,
  labels: labelMap,
  annotations: annotationMap,
  value: z.number().finite().nullable(),
  threshold: z.number().finite().nullable(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  generatorUrl: url.nullable(),
  ruleId: z.string().nullable(),
});
export type NormalizedAlert = z.infer<typeof NormalizedAlert>;

/** `POST /api/alerts`: the native body. */
export const NativeAlertInput = z.strictObject({
  title,
  service: slug,
  environment: slug,
  severity: AlertSeveritySchema,
  status: z.enum(ALERT_STATUSES),
  dedupKey,
  labels: labelMap.optional(),
  annotations: annotationMap.optional(),
  value: z.number().finite().optional(),
  threshold: z.number().finite().optional(),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
  generatorUrl: url.optional(),
});
export type NativeAlertInput = z.infer<typeof NativeAlertInput>;

// Foreign payloads are read leniently (extra fields are ignored): Alertmanager and PagerDuty senders
// add fields across versions, and refusing them would drop real pages.
const anyTime = z.string().max(64);
export const AlertmanagerAlert = z.object({
  status: z.enum(ALERT_STATUSES),
  labels: labelMap,
  annotations: z.record(z.string().max(200), boundedText).default({}),
  startsAt: anyTime,
  endsAt: anyTime.optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().trim().min(1, "Alertmanager sends a fingerprint per alert.").max(255),
});
export const AlertmanagerWebhookInput = z.object({
  version: z.literal("4", { message: 'Only Alertmanager webhook payload version "4" is understood.' }),
  status: z.enum(ALERT_STATUSES),
  groupKey: z.string().max(5000).optional(),
  receiver: z.string().max(500).optional(),
  externalURL: z.string().max(2000).optional(),
  alerts: z
    .array(AlertmanagerAlert)
    .min(1, "The payload has no alerts.")
    .max(1000, "At most 1000 alerts per notification."),
});
export type AlertmanagerWebhookInput = z.infer<typeof AlertmanagerWebhookInput>;

export const PAGERDUTY_SEVERITIES = ["critical", "error", "warning", "info"] as const;
export const PagerDutyEventInput = z.object({
  routing_key: z.string().min(1).max(200),
  event_action: z.enum(["trigger", "acknowledge", "resolve"], {
    message: "event_action must be trigger, acknowledge or resolve.",
  }),
  dedup_key: z.string().trim().min(1).max(255).optional(),
  payload: z
    .object({
      summary: z.string().trim().min(1).max(1024),
      source: z.string().max(255),
      severity: z.enum(PAGERDUTY_SEVERITIES),
      timestamp: isoDateTime.optional(),
      component: z.string().max(255).optional(),
      group: z.string().max(255).optional(),
      class: z.string().max(255).optional(),
      custom_details: boundedJson.pipe(z.record(z.string(), z.unknown())).optional(),
    })
    .optional(),
  client: z.string().max(255).optional(),
  client_url: z.string().max(2000).optional(),
});
export type PagerDutyEventInput = z.infer<typeof PagerDutyEventInput>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(10));

export const ListAlertsQuery = z.strictObject({
  status: csv(z.enum(ALERT_STATUSES)).optional(),
  severity: csv(AlertSeveritySchema).optional(),
  service: slug.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;

const ruleFields = {
  name: z.string().trim().min(3, "At least 3 characters.").max(200, "At most 200 characters."),
  service: slug,
  environment: slug,
  metric: z.enum(RULE_METRICS),
  comparator: z.enum(COMPARATORS),
  threshold: z.number({ message: "Give a number, such as 0.05." }).finite(),
  forSeconds: z
    .number({ message: "Give whole seconds, such as 300." })
    .int("Whole seconds.")
    .min(0, "Not negative.")
    .max(24 * 3600, "At most a day."),
  severity: AlertSeveritySchema,
  autoCreateIncident: z.boolean(),
  incidentSeverity: SeveritySchema.nullable(),
  enabled: z.boolean(),
};
const needsSeverity = (v: { autoCreateIncident?: boolean; incidentSeverity?: string | null }) =>
  !v.autoCreateIncident || !!v.incidentSeverity;
const severityIssue = {
  message: "Choose the severity of the incidents this rule creates.",
  path: ["incidentSeverity"],
};

export const CreateAlertRuleInput = z
  .strictObject({
    ...ruleFields,
    autoCreateIncident: ruleFields.autoCreateIncident.default(false),
    incidentSeverity: ruleFields.incidentSeverity.optional(),
    enabled: ruleFields.enabled.default(true),
  })
  .refine(needsSeverity, severityIssue);
export type CreateAlertRuleInput = z.infer<typeof CreateAlertRuleInput>;

export const UpdateAlertRuleInput = z.strictObject({
  name: ruleFields.name.optional(),
  service: ruleFields.service.optional(),
  environment: ruleFields.environment.optional(),
  metric: ruleFields.metric.optional(),
  comparator: ruleFields.comparator.optional(),
  threshold: ruleFields.threshold.optional(),
  forSeconds: ruleFields.forSeconds.optional(),
  severity: ruleFields.severity.optional(),
  autoCreateIncident: ruleFields.autoCreateIncident.optional(),
  incidentSeverity: ruleFields.incidentSeverity.optional(),
  enabled: ruleFields.enabled.optional(),
});
export type UpdateAlertRuleInput = z.infer<typeof UpdateAlertRuleInput>;
export { severityIssue as RULE_SEVERITY_ISSUE, needsSeverity as ruleHasIncidentSeverity };

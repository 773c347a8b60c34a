import { randomUUID } from "node:crypto";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import {
  type AlertSeverity,
  AlertmanagerWebhookInput,
  NativeAlertInput,
  type NormalizedAlert,
  PagerDutyEventInput,
} from "./schemas";

// Pure mappers from each source's payload to the one NormalizedAlert shape. They validate the
// payload (a DomainError "validation" on bad input) and never touch the database.

const ENVIRONMENT_ALIASES: Record<string, string> = {
  prod: "production",
  prd: "production",
  stage: "staging",
  stg: "staging",
  dev: "development",
};

/** Label values from other systems ("Payment API", "prod") as the slugs the catalog uses. */
export function toSlug(value: string | undefined | null): string | null {
  if (!value) return null;
  const slug = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return slug || null;
}

export function toEnvironment(value: string | undefined | null): string {
  const slug = toSlug(value);
  if (!slug) return "production";
  return ENVIRONMENT_ALIASES[slug] ?? slug;
}

/** Alertmanager's free-form `severity` label; unknown or missing values count as a warning. */
export function toAlertSeverity(value: string | undefined | null): AlertSeverity {
  const v = (value ?? "").toLowerCase();
  if (["critical", "crit", "page", "error", "high", "p1", "fatal", "emergency"].includes(v))
    return "critical";
  if (["info", "informational", "low", "none", "debug", "notice"].includes(v)) return "info";
  return "warning";
}

const ZERO_TIME = /^0001-01-01T00:00:00/;

function parseTime(value: string | undefined, path: string): Date | null {
  if (!value || ZERO_TIME.test(value)) return null;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1970 || year > 2999) {
    throw validationError([{ path, message: "Use an RFC 3339 date-time between 1970 and 2999." }]);
  }
  return date;
}

const httpUrl = (value: string | undefined): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? value.slice(0, 2000) : null;
  } catch {
    return null;
  }
};

const base = { value: null, threshold: null, ruleId: null, generatorUrl: null } as const;

export function mapNativeAlert(raw: unknown): NormalizedAlert {
  const input = parseInput(NativeAlertInput, raw);
  return {
    ...base,
    source: "api",
    action: input.status === "firing" ? "fire" : "resolve",
    dedupKey: input.dedupKey,
    title: input.title,
    service: input.service,
    environment: input.environment,
    severity: input.severity,
    labels: input.labels ?? {},
    annotations: input.annotations ?? {},
    value: input.value ?? null,
    threshold: input.threshold ?? null,
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
    generatorUrl: input.generatorUrl ?? null,
  };
}

/** One normalized alert per entry of the notification; the fingerprint is the dedup key. */
export function mapAlertmanagerWebhook(raw: unknown): NormalizedAlert[] {
  const input = parseInput(AlertmanagerWebhookInput, raw);
  return input.alerts.map((alert, i) => {
    const { labels, annotations } = alert;
    const title = (annotations.summary || labels.alertname || "Alertmanager alert").slice(0, 500);
    return {
      ...base,
      source: "alertmanager",
      action: alert.status === "firing" ? "fire" : "resolve",
      dedupKey: alert.fingerprint,
      title,
      service: toSlug(labels.service),
      environment: toEnvironment(labels.env ?? labels.environment),
      severity: toAlertSeverity(labels.severity),
      labels,
      annotations,
      startsAt: parseTime(alert.startsAt, `alerts.${i}.startsAt`),
      endsAt: parseTime(alert.endsAt, `alerts.${i}.endsAt`),
      generatorUrl: httpUrl(alert.generatorURL),
    };
  });
}

const PD_SEVERITY: Record<string, AlertSeverity> = {
  critical: "critical",
  error: "critical",
  warning: "warning",
  info: "info",
};

/**
 * PagerDuty Events API v2. A trigger without dedup_key gets a generated one (returned to the
 * sender, as PagerDuty does); acknowledge and resolve must name the key they act on.
 */
export function mapPagerDutyEvent(raw: unknown): NormalizedAlert {
  const input = parseInput(PagerDutyEventInput, raw);
  const action = input.event_action === "trigger" ? "fire" : input.event_action;
  if (action !== "fire" && !input.dedup_key) {
    throw validationError([
      { path: "dedup_key", message: `${input.event_action} needs the dedup_key of the alert it acts on.` },
    ]);
  }
  const payload = input.payload;
  if (action === "fire" && !payload)
    throw validationError([
      { path: "payload", message: "A trigger needs a payload with summary, source and severity." },
    ]);
  const annotations: Record<string, unknown> = {};
  if (payload?.custom_details) annotations.custom_details = payload.custom_details;
  if (input.client) annotations.client = input.client;
  if (input.client_url) annotations.client_url = input.client_url;
  const labels: Record<string, string> = {};
  if (payload?.source) labels.source = payload.source;
  if (payload?.class) labels.class = payload.class;
  if (payload?.component) labels.component = payload.component;
  if (payload?.group) labels.group = payload.group;
  return {
    ...base,
    source: "pagerduty",
    action,
    dedupKey: input.dedup_key ?? `pd-${randomUUID()}`,
    title: payload?.summary.slice(0, 500) ?? `PagerDuty ${input.event_action}`,
    service: toSlug(payload?.component),
    environment: toEnvironment(payload?.group),
    severity: PD_SEVERITY[payload?.severity ?? "warning"],
    labels,
    annotations,
    startsAt: payload?.timestamp ? new Date(payload.timestamp) : null,
    endsAt: null,
    generatorUrl: httpUrl(input.client_url),
  };
}

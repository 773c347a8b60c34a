import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { environments, services } from "./core-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Alert rules on service_metrics. The evaluation state lives on the row, so the evaluator that holds
// the row lock (FOR UPDATE SKIP LOCKED) is the only one deciding for that rule at that moment.
export const alertRules = pgTable(
  "alert_rules",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    service: text("service")
      .notNull()
      .references(() => services.slug),
    environment: text("environment")
      .notNull()
      .references(() => environments.slug),
    metric: text("metric").notNull(),
    comparator: text("comparator").notNull(),
    threshold: doublePrecision("threshold").notNull(),
    forSeconds: integer("for_seconds").notNull(),
    severity: text("severity").notNull(),
    autoCreateIncident: boolean("auto_create_incident").notNull().default(false),
    incidentSeverity: text("incident_severity"),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: text("created_by").notNull(),
    // ok | pending | firing; stateSince = start of the breach (pending) or of the firing.
    evalState: text("eval_state").notNull().default("ok"),
    stateSince: ts("state_since"),
    breachStartedAt: ts("breach_started_at"),
    clearSince: ts("clear_since"),
    lastValue: doublePrecision("last_value"),
    lastEvaluatedAt: ts("last_evaluated_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("alert_rules_enabled_idx").on(t.enabled, t.id)],
);

export const alerts = pgTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    source: text("source").notNull(),
    dedupKey: text("dedup_key").notNull(),
    // Whose keys: the source, and for PagerDuty / Alertmanager the sending token (lib/alerts/dedup-scope.ts).
    dedupScope: text("dedup_scope").notNull(),
    ruleId: text("rule_id").references(() => alertRules.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    service: text("service"),
    environment: text("environment").notNull(),
    severity: text("severity").notNull(),
    labels: jsonb("labels")
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    annotations: jsonb("annotations")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    value: doublePrecision("value"),
    threshold: doublePrecision("threshold"),
    status: text("status").notNull(),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at"),
    lastSeenAt: ts("last_seen_at").notNull(),
    acknowledgedAt: ts("acknowledged_at"),
    fireCount: integer("fire_count").notNull().default(1),
    generatorUrl: text("generator_url"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    // At most one firing alert per key of a scope: concurrent firings collapse into one row through
    // INSERT … ON CONFLICT (dedup_scope, dedup_key) WHERE status = 'firing' DO UPDATE.
    uniqueIndex("alerts_firing_dedup_key")
      .on(t.dedupScope, t.dedupKey)
      .where(sql`status = 'firing'`),
    index("alerts_dedup_key_idx").on(t.dedupScope, t.dedupKey, t.startsAt),
    index("alerts_list_idx").on(t.status, t.startsAt, t.id),
    index("alerts_rule_idx").on(t.ruleId),
    // The incident page's suggestions: alerts that started on its services shortly before the impact
    // (without it, a scan of every alert: 6 ms at 50k alerts).
    index("alerts_service_starts_idx").on(t.service, t.environment, t.startsAt),
  ],
);

// The state history of each alert (fired, repeated, acknowledged, resolved).
export const alertEvents = pgTable(
  "alert_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alertId: text("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    at: ts("at").notNull(),
    data: jsonb("data")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index("alert_events_alert_idx").on(t.alertId, t.id)],
);

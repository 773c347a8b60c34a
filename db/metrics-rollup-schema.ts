import { date, integer, numeric, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";

// Rollups of the metrics overview, kept by triggers on incidents and incident_services (migration
// metrics_rollup) in the same transaction as the write they reflect, whatever use case made it.
// Sums are numeric (exact), so an average over whole days equals avg() over the rows.

// Per UTC day of declaration: one row per severity for every incident (service ''), and one row per
// service (severity and environment ''; the top-services table needs no more). Environment is '' for
// now: the rollups answer the unfiltered overview; the key leaves room for filtered views later.
export const incidentDailyStats = pgTable(
  "incident_daily_stats",
  {
    day: date("day", { mode: "string" }).notNull(),
    service: text("service").notNull(),
    severity: text("severity").notNull(),
    environment: text("environment").notNull(),
    incidents: integer("incidents").notNull().default(0),
    open: integer("open").notNull().default(0),
    withImpactStart: integer("with_impact_start").notNull().default(0),
    withMeasuredImpactStart: integer("with_measured_impact_start").notNull().default(0),
    // Per metric: incidents that count for it, how many have a value, the sum of the values (seconds).
    mttdCount: integer("mttd_count").notNull().default(0),
    mttdValues: integer("mttd_values").notNull().default(0),
    mttdSum: numeric("mttd_sum").notNull().default("0"),
    mttaCount: integer("mtta_count").notNull().default(0),
    mttaValues: integer("mtta_values").notNull().default(0),
    mttaSum: numeric("mtta_sum").notNull().default("0"),
    mttiCount: integer("mtti_count").notNull().default(0),
    mttiValues: integer("mtti_values").notNull().default(0),
    mttiSum: numeric("mtti_sum").notNull().default("0"),
    mttmCount: integer("mttm_count").notNull().default(0),
    mttmValues: integer("mttm_values").notNull().default(0),
    mttmSum: numeric("mttm_sum").notNull().default("0"),
    mttrCount: integer("mttr_count").notNull().default(0),
    mttrValues: integer("mttr_values").notNull().default(0),
    mttrSum: numeric("mttr_sum").notNull().default("0"),
    // Incident minutes of the top-services table: resolved spans, and for unresolved incidents the
    // count and the sum of their declaration epochs (their span runs to a cap known only when asked).
    resolvedSpanSum: numeric("resolved_span_sum").notNull().default("0"),
    unresolved: integer("unresolved").notNull().default(0),
    unresolvedCreatedSum: numeric("unresolved_created_sum").notNull().default("0"),
  },
  (t) => [primaryKey({ columns: [t.day, t.service, t.severity, t.environment] })],
);

// How many values of each time metric fall in each duration bucket (db/metric-columns.ts), per UTC day.
export const incidentMetricBuckets = pgTable(
  "incident_metric_buckets",
  {
    day: date("day", { mode: "string" }).notNull(),
    metric: text("metric").notNull(),
    bucket: smallint("bucket").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.metric, t.bucket] })],
);

// The same counts split by sub-bucket (subs[k + 1] for sub-bucket k; their sum is the bucket row's n),
// keyed for one bucket over a window's days (lib/metrics/rollup-percentiles.ts). A table of its own: in
// incident_metric_buckets the array made every row 7× wider, and reading all buckets of a window 2–5×
// slower.
export const incidentMetricSubBuckets = pgTable(
  "incident_metric_sub_buckets",
  {
    metric: text("metric").notNull(),
    bucket: smallint("bucket").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    subs: integer("subs").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.bucket, t.day] })],
);

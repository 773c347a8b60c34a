import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { environments, services, users } from "./core-schema";
import { metricColumns, metricIndexes } from "./metric-columns";

// The incident tables, owned by lib/incidents (.dependency-cruiser.cjs): other domains read them through
// lib/incidents' exported reads.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// One row per year; the row lock taken by the increment serialises ID allocation and a rollback
// returns the number, so IDs stay gapless. `lastAt`: the latest declaration time of the year, which
// the next declaration does not go below (times follow ID order; lib/incidents/declare-statement.ts).
export const incidentCounters = pgTable("incident_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
  lastAt: ts("last_at"),
});

export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    severity: text("severity").notNull(),
    status: text("status").notNull(),
    environment: text("environment")
      .notNull()
      .references(() => environments.slug),
    commanderId: text("commander_id").references(() => users.id),
    technicalLeadId: text("technical_lead_id").references(() => users.id),
    communicatorId: text("communicator_id").references(() => users.id),
    declaredBy: text("declared_by").notNull(),
    declaredByUserId: text("declared_by_user_id").references(() => users.id),
    source: text("source").notNull(),
    sourceLabel: text("source_label"),
    impactStartedAt: ts("impact_started_at").notNull(),
    // Whether anyone said when impact started ('reported') or it is the declaration time standing in
    // for an unknown start ('declared_default'); MTTD counts only the former.
    impactStartSource: text("impact_start_source").notNull().default("declared_default"),
    createdAt: ts("created_at").notNull(),
    investigatingAt: ts("investigating_at"),
    mitigatedAt: ts("mitigated_at"),
    resolvedAt: ts("resolved_at"),
    // When paging first opened a page for the incident and when someone first acknowledged one
    // (lib/incidents/record-paging-milestone.ts): each set once, kept through re-triggers and new
    // pages, so MTTA measures the first answer.
    pagedAt: ts("paged_at"),
    acknowledgedAt: ts("acknowledged_at"),
    mitigationSummary: text("mitigation_summary"),
    resolutionSummary: text("resolution_summary"),
    durationSeconds: integer("duration_seconds"),
    reopenCount: integer("reopen_count").notNull().default(0),
    version: integer("version").notNull().default(1),
    updatedAt: ts("updated_at").notNull(),
    // Each time metric of lib/metrics as a stored column (null when the incident does not count for it)
    // with its duration bucket: the exact percentiles of the metrics overview read the window's bucket
    // counts from incident_metric_buckets, then one bucket's sub-bucket counts from
    // incident_metric_sub_buckets, then one sub-bucket's values from these (lib/metrics/rollup-percentiles.ts).
    ...metricColumns(),
  },
  (t) => [
    ...metricIndexes(t),
    uniqueIndex("incidents_year_seq_key").on(t.year, t.seq),
    // Ascending on purpose: scanned backwards they give `ORDER BY created_at DESC, id DESC` (NULLS
    // FIRST); Drizzle's .desc() adds NULLS LAST, which that ORDER BY cannot use.
    index("incidents_created_idx").on(t.createdAt, t.id),
    // With id: the list's status filter walks it without fetching the rows it skips (list-incidents.ts).
    index("incidents_status_created_idx").on(t.status, t.createdAt, t.id),
    index("incidents_severity_created_idx").on(t.severity, t.createdAt),
    index("incidents_environment_created_idx").on(t.environment, t.createdAt),
  ],
);

export const incidentServices = pgTable(
  "incident_services",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    serviceSlug: text("service_slug")
      .notNull()
      .references(() => services.slug),
    // The incident's created_at, copied (it never changes): a service's incidents newest first are one
    // index walk, so a service filter reads that service's rows only (list-incidents.ts).
    incidentCreatedAt: ts("incident_created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.serviceSlug] }),
    index("incident_services_service_idx").on(t.serviceSlug, t.incidentId),
    index("incident_services_service_created_idx").on(t.serviceSlug, t.incidentCreatedAt, t.incidentId),
  ],
);

// Append-only: a trigger (migration 0001) rejects UPDATE and DELETE.
export const timelineEntries = pgTable(
  "timeline_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    kind: text("kind").notNull(),
    actor: text("actor").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id),
    message: text("message"),
    data: jsonb("data")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("timeline_incident_idx").on(t.incidentId, t.id)],
);

export const incidentLinks = pgTable(
  "incident_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    type: text("type").notNull(),
    targetId: text("target_id").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    // What a linked release meant for the incident: 'suspected_cause' or 'fix' (null: not judged).
    role: text("role"),
  },
  (t) => [
    uniqueIndex("incident_links_unique").on(t.incidentId, t.type, t.targetId),
    // Which incidents is this alert (error group, …) linked to?
    index("incident_links_target_idx").on(t.type, t.targetId),
  ],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { metricColumns, metricIndexes } from "./metric-columns";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Shaped like better-auth's `user` model so sign-in can adopt this table as is.
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: text("role").notNull().default("responder"),
  // Set while an admin has disabled the account: no sign-in, no sessions, none of its tokens work.
  disabledAt: ts("disabled_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const environments = pgTable("environments", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const services = pgTable("services", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  ownerTeam: text("owner_team"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

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

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    state: text("state").notNull(),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    responseBody: text("response_body"),
    // The claim that may complete this key; a takeover of an abandoned claim gives it a new owner.
    owner: uuid("owner").notNull().defaultRandom(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.principal, t.key] }),
    index("idempotency_keys_created_at").on(t.createdAt),
  ],
);

export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// better-auth's session, account and verification models (the user model is `users` above).
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: ts("access_token_expires_at"),
    refreshTokenExpiresAt: ts("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// API tokens: only the SHA-256 of the secret is stored; the secret is shown once at creation.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull().unique(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    // Null: never expires.
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
  },
  // A name is reusable once its token is revoked; timeline entries say `token:<name>`.
  (t) => [
    uniqueIndex("api_tokens_active_name")
      .on(t.name)
      .where(sql`revoked_at is null`),
  ],
);

// Sign-in attempts that reached (or are reaching) the password check, per account and client IP
// (null without TRUST_PROXY); a success removes its own pair's rows. See lib/auth/sign-in-rate-limit.ts.
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    account: text("account").notNull(),
    ip: text("ip"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_attempts_account_idx").on(t.account, t.ip, t.at),
    index("sign_in_attempts_ip_idx").on(t.ip, t.at),
  ],
);

// Service health at 1-minute resolution, one row per service, environment and minute.
export const serviceMetrics = pgTable(
  "service_metrics",
  {
    service: text("service")
      .notNull()
      .references(() => services.slug),
    environment: text("environment")
      .notNull()
      .references(() => environments.slug),
    ts: ts("ts").notNull(),
    errorRate: doublePrecision("error_rate").notNull(),
    latencyP95Ms: doublePrecision("latency_p95_ms").notNull(),
    requestRate: doublePrecision("request_rate").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.service, t.environment, t.ts] }),
    index("service_metrics_ts_idx").on(t.ts),
  ],
);

// The outbox: one row per domain event, written in the transaction of the change it describes.
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    incidentId: text("incident_id").references(() => incidents.id),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    actor: text("actor").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("events_incident_idx").on(t.incidentId, t.id), index("events_type_idx").on(t.type, t.id)],
);

// Which consumer has applied which event: written in the consumer's own transaction, so a
// redelivered dispatch skips consumers that already ran.
export const eventConsumptions = pgTable(
  "event_consumptions",
  {
    consumer: text("consumer").notNull(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    consumedAt: ts("consumed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
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

// A service's on-call rotation: members take turns of `handoff_hours`, in position order, from
// `starts_at`. Who is on call is computed (lib/oncall/on-call-at.ts), never stored.
export const serviceOncall = pgTable("service_oncall", {
  serviceSlug: text("service_slug").primaryKey().references(() => services.slug, { onDelete: "cascade" }),
  handoffHours: integer("handoff_hours").notNull(),
  startsAt: ts("starts_at").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const oncallRotationMembers = pgTable(
  "oncall_rotation_members",
  {
    serviceSlug: text("service_slug").notNull().references(() => serviceOncall.serviceSlug, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    userId: text("user_id").notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.serviceSlug, t.position] }), uniqueIndex("oncall_rotation_members_user_key").on(t.serviceSlug, t.userId)],
);

// Someone covers a service over [starts_at, ends_at); the newest override wins where several overlap.
export const oncallOverrides = pgTable(
  "oncall_overrides",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    serviceSlug: text("service_slug").notNull().references(() => services.slug, { onDelete: "cascade" }),
    userId: text("user_id").notNull().references(() => users.id),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    createdBy: text("created_by").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("oncall_overrides_service_ends_idx").on(t.serviceSlug, t.endsAt)],
);

// One row per year; the row lock taken by the increment serialises ID allocation and a rollback
// returns the number, so IDs stay gapless.
export const incidentCounters = pgTable("incident_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
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
    environment: text("environment").notNull().references(() => environments.slug),
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
  },
  (t) => [
    uniqueIndex("incidents_year_seq_key").on(t.year, t.seq),
    // Ascending on purpose: scanned backwards they give `ORDER BY created_at DESC, id DESC` (NULLS
    // FIRST); Drizzle's .desc() adds NULLS LAST, which that ORDER BY cannot use.
    index("incidents_created_idx").on(t.createdAt, t.id),
    index("incidents_status_created_idx").on(t.status, t.createdAt),
    index("incidents_severity_created_idx").on(t.severity, t.createdAt),
    index("incidents_environment_created_idx").on(t.environment, t.createdAt),
  ],
);

export const incidentServices = pgTable(
  "incident_services",
  {
    incidentId: text("incident_id").notNull().references(() => incidents.id),
    serviceSlug: text("service_slug").notNull().references(() => services.slug),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.serviceSlug] }), index("incident_services_service_idx").on(t.serviceSlug, t.incidentId)],
);

// Append-only: a trigger (migration 0001) rejects UPDATE and DELETE.
export const timelineEntries = pgTable(
  "timeline_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id").notNull().references(() => incidents.id),
    kind: text("kind").notNull(),
    actor: text("actor").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id),
    message: text("message"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("timeline_incident_idx").on(t.incidentId, t.id)],
);

export const incidentLinks = pgTable(
  "incident_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id").notNull().references(() => incidents.id),
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
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index("idempotency_keys_created_at").on(t.createdAt)],
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
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
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
  (t) => [uniqueIndex("api_tokens_active_name").on(t.name).where(sql`revoked_at is null`)],
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
  (t) => [index("sign_in_attempts_account_idx").on(t.account, t.ip, t.at), index("sign_in_attempts_ip_idx").on(t.ip, t.at)],
);

// Service health at 1-minute resolution, one row per service, environment and minute.
export const serviceMetrics = pgTable(
  "service_metrics",
  {
    service: text("service").notNull().references(() => services.slug),
    environment: text("environment").notNull().references(() => environments.slug),
    ts: ts("ts").notNull(),
    errorRate: doublePrecision("error_rate").notNull(),
    latencyP95Ms: doublePrecision("latency_p95_ms").notNull(),
    requestRate: doublePrecision("request_rate").notNull(),
  },
  (t) => [primaryKey({ columns: [t.service, t.environment, t.ts] }), index("service_metrics_ts_idx").on(t.ts)],
);

// The outbox: one row per domain event, written in the transaction of the change it describes.
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    incidentId: text("incident_id").references(() => incidents.id),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
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

// Alerting tables live in their own file (kept short); re-exported so the schema stays one module.
export { alertEvents, alertRules, alerts } from "./alerts-schema";

// Workflow automation: a trigger, a condition in the language of lib/workflows/condition, and actions.
export const workflows = pgTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    trigger: text("trigger").notNull(),
    condition: text("condition").notNull().default(""),
    actions: jsonb("actions").$type<Record<string, unknown>[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: text("created_by").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("workflows_name_key").on(t.name), index("workflows_trigger_idx").on(t.trigger, t.enabled)],
);

// One row per (workflow, event): the unique key is the claim that makes a replayed event run nothing twice.
export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workflowId: text("workflow_id").notNull().references(() => workflows.id, { onDelete: "cascade" }),
    trigger: text("trigger").notNull(),
    eventKey: text("event_key").notNull(),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    matched: boolean("matched").notNull(),
    reason: text("reason").notNull(),
    actionResults: jsonb("action_results").$type<{ type: string; status: "ok" | "error" | "skipped"; detail: string }[]>().notNull().default(sql`'[]'::jsonb`),
    incidentId: text("incident_id").references(() => incidents.id),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("workflow_runs_event_key").on(t.workflowId, t.eventKey), index("workflow_runs_workflow_idx").on(t.workflowId, t.id)],
);

// One row per distinct error (fingerprint) in one service and environment: the same fingerprint in
// staging and production are two groups, as they would be two incidents.
export const errorGroups = pgTable(
  "error_groups",
  {
    id: text("id").primaryKey(),
    fingerprint: text("fingerprint").notNull(),
    title: text("title").notNull(),
    culprit: text("culprit"),
    service: text("service").notNull().references(() => services.slug),
    environment: text("environment").notNull().references(() => environments.slug),
    count: integer("count").notNull(),
    // The largest number of affected users any report carried (a lower bound; users are not stored).
    usersAffected: integer("users_affected").notNull().default(0),
    firstSeen: ts("first_seen").notNull(),
    lastSeen: ts("last_seen").notNull(),
    status: text("status").notNull().default("unresolved"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("error_groups_fingerprint_key").on(t.service, t.environment, t.fingerprint),
    index("error_groups_last_seen_idx").on(t.lastSeen, t.id),
    index("error_groups_first_seen_idx").on(t.service, t.environment, t.firstSeen),
  ],
);

// Occurrences per hour, for the trend sparkline; written by the same upsert as the group.
export const errorGroupHourly = pgTable(
  "error_group_hourly",
  {
    groupId: text("group_id").notNull().references(() => errorGroups.id, { onDelete: "cascade" }),
    hour: ts("hour").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.hour] })],
);

// One deployment of a version of a service to an environment.
export const releases = pgTable(
  "releases",
  {
    id: text("id").primaryKey(),
    service: text("service").notNull().references(() => services.slug),
    environment: text("environment").notNull().references(() => environments.slug),
    version: text("version").notNull(),
    commitSha: text("commit_sha"),
    url: text("url"),
    deployedAt: ts("deployed_at").notNull(),
    deployedBy: text("deployed_by").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("releases_version_key").on(t.service, t.environment, t.version),
    index("releases_deployed_idx").on(t.service, t.environment, t.deployedAt),
    index("releases_deployed_at_idx").on(t.deployedAt, t.id),
  ],
);

export type PostmortemSection = { key: string; title: string; text: string; edited: boolean };
export type MetricSnapshot = {
  from: number;
  to: number;
  bucketMinutes: number;
  capturedAt: string;
  services: { service: string; points: { t: number; errorRate: number; latencyP95Ms: number }[] }[];
};

// One per incident (unique): reopening and resolving again refreshes it, never adds a second.
export const postmortems = pgTable("postmortems", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  incidentId: text("incident_id").notNull().unique().references(() => incidents.id),
  status: text("status").notNull().default("draft"),
  sections: jsonb("sections").$type<PostmortemSection[]>().notNull(),
  markdown: text("markdown").notNull(),
  // Frozen at generation so telemetry retention never erases the incident's charts.
  metricSnapshot: jsonb("metric_snapshot").$type<MetricSnapshot>().notNull(),
  authors: jsonb("authors").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  createdBy: text("created_by").notNull(),
  publishedAt: ts("published_at"),
  version: integer("version").notNull().default(1),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const actionItems = pgTable(
  "action_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id").notNull().references(() => incidents.id),
    postmortemId: integer("postmortem_id").references(() => postmortems.id),
    title: text("title").notNull(),
    ownerId: text("owner_id").references(() => users.id),
    // A calendar day, not an instant: whether it is overdue depends on the viewer's time zone.
    dueDate: date("due_date", { mode: "string" }),
    priority: text("priority").notNull().default("medium"),
    status: text("status").notNull().default("open"),
    ticketUrl: text("ticket_url"),
    timelineEntryId: integer("timeline_entry_id"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    completedAt: ts("completed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("action_items_incident_idx").on(t.incidentId, t.id), index("action_items_status_idx").on(t.status, t.id)],
);

// Which severities get a postmortem on their first resolution; a missing row means all of them.
export const postmortemSettings = pgTable("postmortem_settings", {
  severity: text("severity").primaryKey(),
  autoGenerate: boolean("auto_generate").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

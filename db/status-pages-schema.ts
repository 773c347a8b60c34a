import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { services } from "./core-schema";
import { incidents } from "./incidents-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type ComponentStatusAt = { componentId: string; status: string };

// Status pages (lib/status-pages, docs/status-pages.md), re-exported from db/schema.ts.
export const statusPages = pgTable(
  "status_pages",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
    logoUrl: text("logo_url"),
    timeZone: text("time_zone").notNull().default("UTC"),
    isDefault: boolean("is_default").notNull().default(false),
    // public | signed-in
    visibility: text("visibility").notNull().default("public"),
    // Bumped by every change to the page or anything on it, in that change's transaction: the
    // snapshot's revision and so the public page's ETag.
    revision: integer("revision").notNull().default(0),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  // At most one page answers /status.
  (t) => [
    uniqueIndex("status_pages_one_default")
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
  ],
);

export const statusPageGroups = pgTable(
  "status_page_groups",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [index("status_page_groups_page_idx").on(t.pageId, t.position)],
);

export const statusPageComponents = pgTable(
  "status_page_components",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    groupId: text("group_id").references(() => statusPageGroups.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull(),
    // operational | degraded_performance | partial_outage | major_outage | under_maintenance
    status: text("status").notNull().default("operational"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [index("status_page_components_page_idx").on(t.pageId, t.position)],
);

// Which catalog services a component stands for (drafts from an incident's services use it).
export const statusPageComponentServices = pgTable(
  "status_page_component_services",
  {
    componentId: text("component_id")
      .notNull()
      .references(() => statusPageComponents.id, { onDelete: "cascade" }),
    serviceSlug: text("service_slug")
      .notNull()
      .references(() => services.slug, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.serviceSlug] })],
);

export const publicIncidents = pgTable(
  "public_incidents",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    // The internal incident it tells customers about, if any; nothing of it is shown unless published.
    incidentId: text("incident_id").references(() => incidents.id),
    title: text("title").notNull(),
    // investigating | identified | monitoring | resolved
    phase: text("phase").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    resolvedAt: ts("resolved_at"),
  },
  (t) => [
    index("public_incidents_page_idx").on(t.pageId, t.createdAt),
    index("public_incidents_incident_idx").on(t.incidentId),
  ],
);

export const publicIncidentUpdates = pgTable(
  "public_incident_updates",
  {
    id: text("id").primaryKey(),
    publicIncidentId: text("public_incident_id")
      .notNull()
      .references(() => publicIncidents.id, { onDelete: "cascade" }),
    phase: text("phase").notNull(),
    title: text("title").notNull(),
    // Markdown written for customers.
    body: text("body").notNull(),
    componentStatuses: jsonb("component_statuses").$type<ComponentStatusAt[]>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("public_incident_updates_incident_idx").on(t.publicIncidentId, t.createdAt)],
);

// The components a public incident affects and the status its latest update gave each.
export const publicIncidentComponents = pgTable(
  "public_incident_components",
  {
    publicIncidentId: text("public_incident_id")
      .notNull()
      .references(() => publicIncidents.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => statusPageComponents.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicIncidentId, t.componentId] })],
);

// Every stretch of time a component spent in a status other than operational (uptime bars read it).
export const componentImpacts = pgTable(
  "component_impacts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: text("component_id")
      .notNull()
      .references(() => statusPageComponents.id, { onDelete: "cascade" }),
    publicIncidentId: text("public_incident_id").references(() => publicIncidents.id, {
      onDelete: "set null",
    }),
    status: text("status").notNull(),
    startedAt: ts("started_at").notNull(),
    endedAt: ts("ended_at"),
  },
  (t) => [
    index("component_impacts_component_idx").on(t.componentId, t.startedAt),
    // One open interval per component: a status change closes it before opening the next.
    uniqueIndex("component_impacts_one_open")
      .on(t.componentId)
      .where(sql`${t.endedAt} is null`),
  ],
);

// What the public page shows, built in the transaction of each change (docs/decisions/0110).
export const statusPageSnapshots = pgTable("status_page_snapshots", {
  pageId: text("page_id")
    .primaryKey()
    .references(() => statusPages.id, { onDelete: "cascade" }),
  revision: integer("revision").notNull(),
  body: jsonb("body").notNull(),
  builtAt: ts("built_at").notNull(),
});

// Email subscribers of a page (docs/status-pages.md#subscribers). Tokens are stored as SHA-256
// hashes: a leaked table cannot confirm or unsubscribe anyone.
export const statusPageSubscribers = pgTable(
  "status_page_subscribers",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    // null: every component of the page, now and later.
    componentIds: jsonb("component_ids").$type<string[] | null>(),
    // pending | confirmed | unsubscribed
    status: text("status").notNull(),
    confirmTokenHash: text("confirm_token_hash"),
    confirmExpiresAt: ts("confirm_expires_at"),
    confirmSentAt: ts("confirm_sent_at"),
    unsubscribeTokenHash: text("unsubscribe_token_hash").notNull(),
    createdAt: ts("created_at").notNull(),
    confirmedAt: ts("confirmed_at"),
    unsubscribedAt: ts("unsubscribed_at"),
  },
  (t) => [
    uniqueIndex("status_page_subscribers_page_email").on(t.pageId, t.email),
    uniqueIndex("status_page_subscribers_confirm").on(t.confirmTokenHash),
    uniqueIndex("status_page_subscribers_unsubscribe").on(t.unsubscribeTokenHash),
  ],
);

// Sign-up attempts, for the per-IP and per-address rate limits; old rows are pruned on insert.
export const statusSubscribeAttempts = pgTable(
  "status_subscribe_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ip: text("ip").notNull(),
    email: text("email").notNull(),
    at: ts("at").notNull(),
  },
  (t) => [
    index("status_subscribe_attempts_ip").on(t.ip, t.at),
    index("status_subscribe_attempts_email").on(t.email, t.at),
  ],
);

// Scheduled maintenance of a page (docs/status-pages.md#scheduled-maintenance): moved by the job queue
// at its times; `version` is its ETag for If-Match.
export const statusMaintenances = pgTable(
  "status_maintenances",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    // Markdown written for customers.
    body: text("body").notNull(),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    remindMinutesBefore: integer("remind_minutes_before").notNull().default(60),
    // scheduled | in_progress | completed | cancelled
    state: text("state").notNull(),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    remindedAt: ts("reminded_at"),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
    cancelledAt: ts("cancelled_at"),
  },
  (t) => [index("status_maintenances_page_idx").on(t.pageId, t.startsAt)],
);

export const statusMaintenanceComponents = pgTable(
  "status_maintenance_components",
  {
    maintenanceId: text("maintenance_id")
      .notNull()
      .references(() => statusMaintenances.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => statusPageComponents.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.maintenanceId, t.componentId] }),
    index("status_maintenance_components_component_idx").on(t.componentId),
  ],
);

// Webhook and chat subscribers of a page (decision 0124): a signed JSON webhook or a Slack, Teams,
// Mattermost or Discord incoming webhook. Signed up from the public form they stay pending until the
// confirm link sent to the URL is used; a manager's are confirmed at once.
export const statusWebhookSubscribers = pgTable(
  "status_webhook_subscribers",
  {
    id: text("id").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    // webhook | slack | teams | mattermost | discord
    type: text("type").notNull(),
    url: text("url").notNull(),
    // The Standard Webhooks key (`whsec_…`) of a `webhook`; signing needs it in clear. null for chats.
    secret: text("secret"),
    componentIds: jsonb("component_ids").$type<string[] | null>(),
    // pending | confirmed | unsubscribed
    status: text("status").notNull(),
    confirmTokenHash: text("confirm_token_hash"),
    confirmExpiresAt: ts("confirm_expires_at"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    confirmedAt: ts("confirmed_at"),
    unsubscribedAt: ts("unsubscribed_at"),
  },
  (t) => [
    uniqueIndex("status_webhook_subscribers_page_url").on(t.pageId, t.url),
    uniqueIndex("status_webhook_subscribers_confirm").on(t.confirmTokenHash),
  ],
);

// One row per (subscriber, message): an update's post or a verification. Its id is the `webhook-id`
// every attempt repeats; the unique key makes a rerun of the fan-out a no-op.
export const statusWebhookDeliveries = pgTable(
  "status_webhook_deliveries",
  {
    id: text("id").primaryKey(),
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => statusWebhookSubscribers.id, { onDelete: "cascade" }),
    // `update:<update id>` or `verify:<time>`
    dedupKey: text("dedup_key").notNull(),
    // The public update it carries (its delivery counts); null for a verification.
    updateId: text("update_id"),
    // The body sent on every attempt, byte for byte.
    body: text("body").notNull(),
    // pending → succeeded | failed; retrying between attempts.
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at"),
    createdAt: ts("created_at").notNull(),
    completedAt: ts("completed_at"),
  },
  (t) => [
    uniqueIndex("status_webhook_deliveries_key").on(t.subscriberId, t.dedupKey),
    index("status_webhook_deliveries_update").on(t.updateId),
  ],
);

import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { alerts } from "./alerts-schema";
import { services, users } from "./core-schema";
import { incidents } from "./incidents-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Paging (lib/paging): who is reached, how, and until someone answers. Escalation timers are jobs in
// the queue (never in memory); these rows are what the jobs act on and what the paging panel shows.

/** A target of a step: a user, whoever is on call for a service's rotation, or another policy. */
export type StepTarget =
  | { type: "user"; userId: string }
  | { type: "oncall"; service: string }
  | { type: "policy"; policyId: string };

export const escalationPolicies = pgTable(
  "escalation_policies",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // Times the whole list of steps is run again after the last one, while nobody acknowledges.
    repeat: smallint("repeat").notNull().default(0),
    // An acknowledged page not resolved after this many minutes is triggered again (Datadog's).
    ackTimeoutMinutes: integer("ack_timeout_minutes"),
    // The policy of services that name none.
    isDefault: boolean("is_default").notNull().default(false),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("escalation_policies_name_key").on(sql`lower(${t.name})`),
    uniqueIndex("escalation_policies_default_key")
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
    check("escalation_policies_repeat", sql`${t.repeat} between 0 and 9`),
    check("escalation_policies_ack_timeout", sql`${t.ackTimeoutMinutes} between 1 and 1440`),
  ],
);

export const escalationSteps = pgTable(
  "escalation_steps",
  {
    policyId: text("policy_id")
      .notNull()
      .references(() => escalationPolicies.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    // Minutes from this step's notifications to the next step, when nobody has acknowledged.
    delayMinutes: integer("delay_minutes").notNull(),
    targets: jsonb("targets").$type<StepTarget[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.policyId, t.position] }),
    check("escalation_steps_delay", sql`${t.delayMinutes} between 1 and 1440`),
  ],
);

/** How a service is paged: its policy and when its pages are urgent. */
export const servicePaging = pgTable("service_paging", {
  serviceSlug: text("service_slug")
    .primaryKey()
    .references(() => services.slug, { onDelete: "cascade" }),
  policyId: text("policy_id").references(() => escalationPolicies.id, { onDelete: "set null" }),
  highUrgencySeverities: text("high_urgency_severities")
    .array()
    .notNull()
    .default(sql`'{SEV1,SEV2}'::text[]`),
  // Low urgency never escalates past step 1 outside business hours (in the service's time zone).
  lowUrgencyBusinessHoursOnly: boolean("low_urgency_business_hours_only").notNull().default(false),
  timeZone: text("time_zone").notNull().default("UTC"),
  businessHoursStart: smallint("business_hours_start").notNull().default(9),
  businessHoursEnd: smallint("business_hours_end").notNull().default(17),
  updatedBy: text("updated_by").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const PAGE_STATES = ["triggered", "acknowledged", "resolved"] as const;

export const pages = pgTable(
  "pages",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id").references(() => incidents.id),
    alertId: text("alert_id").references(() => alerts.id),
    service: text("service"),
    policyId: text("policy_id").references(() => escalationPolicies.id, { onDelete: "set null" }),
    // A page opened at a rotation or a person instead of a policy (a workflow's page action): one step.
    directTargets: jsonb("direct_targets").$type<StepTarget[]>(),
    title: text("title").notNull(),
    urgency: text("urgency").notNull(),
    state: text("state").notNull().default("triggered"),
    // Where the escalation stands: the step (0-based) of the policy and the pass through it.
    step: smallint("step").notNull().default(0),
    pass: smallint("pass").notNull().default(0),
    nextEscalationAt: ts("next_escalation_at"),
    // Bumped whenever the escalation is rescheduled (a step ran, ack, escalate now, re-trigger): a
    // queued timer carries the value it was set with and does nothing once it has moved on.
    escalationSeq: integer("escalation_seq").notNull().default(0),
    ackTimeoutMinutes: integer("ack_timeout_minutes"),
    createdAt: ts("created_at").notNull(),
    acknowledgedAt: ts("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by").references(() => users.id),
    resolvedAt: ts("resolved_at"),
    resolvedBy: text("resolved_by"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("pages_state", sql`${t.state} in ('triggered', 'acknowledged', 'resolved')`),
    check("pages_urgency", sql`${t.urgency} in ('high', 'low')`),
    check(
      "pages_escalation",
      sql`${t.policyId} is not null or ${t.directTargets} is not null or ${t.state} = 'resolved'`,
    ),
    check("pages_subject", sql`${t.incidentId} is not null or ${t.alertId} is not null`),
    // One open page per incident and per alert: a second trigger finds the first.
    uniqueIndex("pages_open_incident_key")
      .on(t.incidentId)
      .where(sql`${t.state} <> 'resolved' and ${t.incidentId} is not null`),
    uniqueIndex("pages_open_alert_key")
      .on(t.alertId)
      .where(sql`${t.state} <> 'resolved' and ${t.alertId} is not null and ${t.incidentId} is null`),
    index("pages_state_idx").on(t.state, t.createdAt),
  ],
);

/** Who was asked to respond to a page, at which step: the page's current assignees are these rows. */
export const pageAssignments = pgTable(
  "page_assignments",
  {
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    step: smallint("step").notNull(),
    pass: smallint("pass").notNull(),
    // How they came to be asked: "step 2 (on call for checkout-api)", "reassigned by Alex Chen".
    reason: text("reason").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.pageId, t.userId, t.step, t.pass] }),
    index("page_assignments_user_idx").on(t.userId),
  ],
);

/** One message to one person by one contact method; `key` makes it exactly once. */
export const pageNotifications = pgTable(
  "page_notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    contactMethodId: text("contact_method_id").references(() => contactMethods.id, {
      onDelete: "set null",
    }),
    method: text("method").notNull(),
    // scheduled → sent | failed | cancelled (the page was acknowledged or resolved before it was due).
    status: text("status").notNull().default("scheduled"),
    detail: text("detail").notNull().default(""),
    dueAt: ts("due_at").notNull(),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("page_notifications_key").on(t.key),
    index("page_notifications_page_idx").on(t.pageId, t.id),
  ],
);

/** What happened to a page (an alert's page has no incident timeline): the paging panel reads this. */
export const pageLog = pgTable(
  "page_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    actor: text("actor").notNull(),
    message: text("message").notNull(),
    data: jsonb("data")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: ts("at").notNull(),
  },
  (t) => [index("page_log_page_idx").on(t.pageId, t.id)],
);

export const CONTACT_METHOD_TYPES = ["email", "slack", "mattermost", "teams", "discord", "webhook"] as const;

export const contactMethods = pgTable(
  "contact_methods",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    label: text("label").notNull(),
    // An e-mail address or an https URL (chat incoming webhook, generic webhook).
    address: text("address").notNull(),
    // Signs the generic webhook's deliveries (Standard Webhooks), shown once at creation.
    secret: text("secret"),
    verifiedAt: ts("verified_at"),
    verificationCodeHash: text("verification_code_hash"),
    verificationExpiresAt: ts("verification_expires_at"),
    verificationAttempts: smallint("verification_attempts").notNull().default(0),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("contact_methods_user_address_key").on(t.userId, t.type, t.address),
    check(
      "contact_methods_type",
      sql`${t.type} in ('email', 'slack', 'mattermost', 'teams', 'discord', 'webhook')`,
    ),
  ],
);

/** "Email immediately, chat after 1 minute": per user and urgency. None: every verified method at once. */
export const notificationRules = pgTable(
  "notification_rules",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    urgency: text("urgency").notNull(),
    contactMethodId: text("contact_method_id")
      .notNull()
      .references(() => contactMethods.id, { onDelete: "cascade" }),
    delayMinutes: integer("delay_minutes").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("notification_rules_key").on(t.userId, t.urgency, t.contactMethodId, t.delayMinutes),
    check("notification_rules_urgency", sql`${t.urgency} in ('high', 'low')`),
    check("notification_rules_delay", sql`${t.delayMinutes} between 0 and 1440`),
  ],
);

/** A link in a notification (Acknowledge, Resolve): bound to a page and a user, single use, 24 h. */
export const pageActionLinks = pgTable(
  "page_action_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    check("page_action_links_action", sql`${t.action} in ('acknowledge', 'resolve')`),
    index("page_action_links_page_idx").on(t.pageId),
  ],
);

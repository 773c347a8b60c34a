import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Outgoing webhooks (lib/webhooks), re-exported from db/schema.ts.
export const webhookSubscriptions = pgTable("webhook_subscriptions", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  events: jsonb("events").$type<string[]>().notNull(),
  format: text("format").notNull().default("standard"),
  description: text("description").notNull().default(""),
  // The signing key itself (`whsec_<base64>`): signing needs it in clear, so unlike API tokens it
  // cannot be stored as a hash. Never returned after creation.
  secret: text("secret").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  disabledReason: text("disabled_reason"),
  disabledAt: ts("disabled_at"),
  // Start of the current run of failed deliveries; cleared by a success or by re-enabling.
  failingSince: ts("failing_since"),
  lastFailure: text("last_failure"),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

// One row per (subscription, event): its id is the `webhook-id` every attempt repeats.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    // `event:<outbox id>`, `test:<uuid>` or `workflow:<…>`: the unique key that makes fan-out exactly once.
    dedupKey: text("dedup_key").notNull(),
    eventId: bigint("event_id", { mode: "number" }),
    eventType: text("event_type").notNull(),
    // The JSON body sent on every attempt, byte for byte (text, not jsonb, which would reorder keys).
    body: text("body").notNull(),
    // pending → succeeded | failed (permanent, gave up, or cancelled); retrying between attempts.
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at"),
    createdAt: ts("created_at").notNull(),
    completedAt: ts("completed_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_dedup_key").on(t.subscriptionId, t.dedupKey),
    index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.createdAt),
  ],
);

export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    // Whether another attempt follows (false: delivered, or a permanent failure / gave up).
    willRetry: boolean("will_retry").notNull().default(false),
    at: ts("at").notNull(),
  },
  (t) => [uniqueIndex("webhook_delivery_attempts_key").on(t.deliveryId, t.attempt)],
);

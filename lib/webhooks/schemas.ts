import { z } from "zod";

// Shared by the JSON API, the /settings/webhooks forms and /api/openapi.json. No database imports.

/** What a subscription may ask for (issue 12); a subset of lib/events/event-types.ts. */
export const WEBHOOK_EVENTS = [
  "incident.declared",
  "incident.status_changed",
  "incident.severity_changed",
  "incident.commander_changed",
  "incident.update_posted",
  "incident.resolved",
  "incident.update_overdue",
  "incident.response_target_missed",
  "alert.fired",
  "alert.resolved",
  "postmortem.published",
  "action_item.overdue",
  // Paging (docs/paging.md): `changes` carries pageId and the sentence of the page's log.
  "page.triggered",
  "page.escalated",
  "page.acknowledged",
  "page.resolved",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Types only the product itself sends: a test message and a workflow's notify action. */
export const TEST_EVENT = "webhook.test";
export const NOTIFY_EVENT = "workflow.notify";

export const WEBHOOK_FORMATS = ["standard", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const url = z
  .string({ error: "Give the receiver's URL." })
  .trim()
  .min(1, "Give the receiver's URL.")
  .max(2000, "At most 2000 characters.")
  .refine((value) => URL.canParse(value), "Not a URL (e.g. https://hooks.example.com/incidents).")
  .refine(
    (value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol),
    "Only http:// and https:// URLs.",
  );

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `Unknown event type; use one of ${WEBHOOK_EVENTS.join(", ")}.` }), {
    error: "A list of event types.",
  })
  .min(1, "Choose at least one event.")
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => WEBHOOK_EVENTS.filter((event) => list.includes(event)));

const format = z.enum(WEBHOOK_FORMATS, { error: `Use ${WEBHOOK_FORMATS.join(" or ")}.` });
const description = z.string().trim().max(200, "At most 200 characters.");

export const CreateWebhookInput = z.strictObject({
  url,
  events,
  format: format.default("standard"),
  description: description.default(""),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export const UpdateWebhookInput = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  format: format.optional(),
  description: description.optional(),
  enabled: z
    .boolean({ error: "true or false." })
    .optional()
    .meta({ description: "true re-enables a disabled subscription and clears its failure state." }),
});
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookInput>;

export const ListDeliveriesQuery = z.strictObject({
  limit: z.coerce.number().int("A whole number.").min(1, "At least 1.").max(100, "At most 100.").default(20),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor of the previous page." }),
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  format: z.enum(WEBHOOK_FORMATS),
  description: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.date().nullable(),
  failingSince: z.date().nullable().meta({
    description: "Start of the current run of failed deliveries; after 24 h the subscription is disabled.",
  }),
  lastFailure: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export const CreatedWebhookView = WebhookView.extend({
  secret: z.string().meta({ description: "whsec_<base64>: the signing secret, shown in this answer only." }),
});

export const AttemptView = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  willRetry: z.boolean(),
  at: z.date(),
});

export const DeliveryView = z.object({
  id: z.string().meta({ description: "The webhook-id header, the same on every attempt." }),
  eventType: z.string(),
  eventId: z.number().int().nullable(),
  status: z.enum(["pending", "retrying", "succeeded", "failed"]),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.date().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  attemptLog: z.array(AttemptView),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryPage = z.object({ items: z.array(DeliveryView), nextCursor: z.string().nullable() });
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** What a workflow's notify action may show to responders: never the URL (a Slack URL is a secret). */
export const WebhookTargetView = z.object({ id: z.string(), label: z.string(), enabled: z.boolean() });
export type WebhookTargetView = z.infer<typeof WebhookTargetView>;

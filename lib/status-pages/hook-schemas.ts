import { z } from "zod";

// Webhook and chat subscribers (decision 0124). No database imports: the admin form reads these.
export const HOOK_TYPES = ["webhook", "slack", "teams", "mattermost", "discord"] as const;
export type HookType = (typeof HOOK_TYPES)[number];

export const HOOK_TYPE_LABELS: Record<HookType, string> = {
  webhook: "Webhook (signed JSON)",
  slack: "Slack",
  teams: "Microsoft Teams",
  mattermost: "Mattermost",
  discord: "Discord",
};

const HookUrl = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(2000)
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), "Not a URL (https://…).");

export const CreateHookSubscriberInput = z.strictObject({
  type: z.enum(HOOK_TYPES, { message: `One of ${HOOK_TYPES.join(", ")}.` }),
  url: HookUrl,
  /** Component ids of the page; omitted or null: every component, now and later. */
  components: z.array(z.string().min(1).max(100)).max(200).nullable().default(null),
});
export type CreateHookSubscriberInput = z.input<typeof CreateHookSubscriberInput>;

// The public sign-up form's fields (a plain POST form, so strings only).
export const HookSignupInput = z.strictObject({
  type: z.enum(HOOK_TYPES, { message: "Choose the kind of URL." }),
  url: HookUrl,
  scope: z.enum(["all", "some"]).default("all"),
  components: z.array(z.string().min(1).max(100)).max(200).default([]),
});
export type HookSignupInput = z.input<typeof HookSignupInput>;

export const HookSubscriberView = z.object({
  id: z.string(),
  type: z.enum(HOOK_TYPES),
  /** The URL's origin only: a chat webhook's path is its key. */
  address: z.string(),
  status: z.enum(["pending", "confirmed", "unsubscribed"]),
  /** Names of the chosen components; null: all. */
  components: z.array(z.string()).nullable(),
  createdAt: z.date(),
  confirmedAt: z.date().nullable(),
  delivery: z
    .object({ sent: z.number().int(), failed: z.number().int(), pending: z.number().int() })
    .meta({ description: "Every message to this subscriber so far." }),
});
export type HookSubscriberView = z.infer<typeof HookSubscriberView>;

export const CreatedHookSubscriberView = HookSubscriberView.extend({
  /** The webhook's Standard Webhooks signing secret, in this answer only; null for chats. */
  secret: z.string().nullable(),
});
export type CreatedHookSubscriberView = z.infer<typeof CreatedHookSubscriberView>;

export type DeliveryCounts = { sent: number; failed: number; pending: number };

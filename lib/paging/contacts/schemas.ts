import { z } from "zod";
import { CONTACT_METHOD_TYPES } from "@/db/paging-schema";

export const URGENCIES = ["high", "low"] as const;
export type Urgency = (typeof URGENCIES)[number];
export type ContactMethodType = (typeof CONTACT_METHOD_TYPES)[number];

/** The types reached by an HTTPS POST (chat incoming webhooks and the generic signed webhook). */
export const URL_TYPES: readonly ContactMethodType[] = ["slack", "mattermost", "teams", "discord", "webhook"];

export const TYPE_LABELS: Record<ContactMethodType, string> = {
  email: "Email",
  slack: "Slack",
  mattermost: "Mattermost",
  teams: "Microsoft Teams",
  discord: "Discord",
  webhook: "Generic webhook (signed)",
};

export const CreateContactMethodInput = z
  .object({
    type: z.enum(CONTACT_METHOD_TYPES),
    label: z.string().trim().min(1, "Give it a name you will recognise.").max(100),
    address: z.string().trim().min(1, "Required.").max(2000),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.type === "email" && !z.email().safeParse(value.address).success)
      ctx.addIssue({ code: "custom", path: ["address"], message: "Not an e-mail address." });
    if (value.type !== "email" && !URL.canParse(value.address))
      ctx.addIssue({ code: "custom", path: ["address"], message: "Not a URL (https://…)." });
  });
export type CreateContactMethodInput = z.infer<typeof CreateContactMethodInput>;

export const VerifyContactMethodInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "The code is the 6 digits you were sent."),
  })
  .strict();

export const NotificationRuleInput = z
  .object({
    contactMethodId: z.string().min(1).max(100),
    delayMinutes: z.number().int().min(0).max(1440, "At most 1440 minutes (a day)."),
  })
  .strict();

export const SetNotificationRulesInput = z
  .object({ rules: z.array(NotificationRuleInput).max(20, "At most 20 rules per urgency.") })
  .strict();

export const UrgencyParam = z.enum(URGENCIES, { message: "Urgency is high or low." });

export const ContactMethodView = z.object({
  id: z.string(),
  type: z.enum(CONTACT_METHOD_TYPES),
  label: z.string(),
  /** An e-mail in full; a URL only as its origin (a chat webhook's path is its key). */
  address: z.string(),
  verified: z.boolean(),
  verifiedAt: z.date().nullable(),
  /** A code was sent and can still be entered. */
  verificationPending: z.boolean(),
  createdAt: z.date(),
});
export type ContactMethodView = z.infer<typeof ContactMethodView>;

export const CreatedContactMethodView = ContactMethodView.extend({
  /** The generic webhook's signing secret (Standard Webhooks), in this answer only; null for others. */
  secret: z.string().nullable(),
});

export const NotificationRulesView = z.object({
  urgency: z.enum(URGENCIES),
  rules: z.array(
    z.object({ contactMethodId: z.string(), type: z.string(), label: z.string(), delayMinutes: z.number() }),
  ),
  /** No rules: every verified method is used at once (`effective`). */
  usingDefault: z.boolean(),
  effective: z.array(z.object({ contactMethodId: z.string(), delayMinutes: z.number() })),
  /** Without a verified method nobody can page this person. */
  hasVerifiedMethod: z.boolean(),
});
export type NotificationRulesView = z.infer<typeof NotificationRulesView>;

import { z } from "zod";

// The public sign-up form's fields (a plain POST form, so strings only). No database imports.
export const SubscribeInput = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter an email address.")),
  scope: z.enum(["all", "some"]).default("all"),
  components: z.array(z.string().min(1).max(100)).max(200).default([]),
});
export type SubscribeInput = z.input<typeof SubscribeInput>;

/** What the public pages say after each step: never whether an address was already subscribed. */
export type SubscriptionOutcome = "requested" | "confirmed" | "unsubscribed" | "invalid-link";

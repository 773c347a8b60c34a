import { z } from "zod";
import { ROLES } from "@/lib/actor";

/** All an alert source's token (Alertmanager bearer, PagerDuty routing_key) needs. */
export const INTEGRATION_SCOPE = "alerts:write";

export const CreateApiTokenInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, "At least 2 characters.")
    .max(60, "At most 60 characters.")
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, "Letters, digits, dots, dashes and underscores (e.g. pagerduty-sync)."),
  role: z.enum(ROLES),
  // Any string here: whether each one is a scope, and one the role can use, is the use case's 422.
  scopes: z
    .array(z.string().max(60), { error: 'A list of scopes, e.g. ["alerts:write"].' })
    .min(1, "At least one scope, or leave scopes out for everything the role may do.")
    .max(64)
    .nullable()
    .optional()
    .meta({
      description:
        "Limit the token to these scopes (e.g. `alerts:write` for a monitoring integration). Null or absent: everything its role may do.",
    }),
  // At most one of the two; neither (or expiresAt null) means the token never expires.
  expiresInDays: z
    .int("A whole number of days.")
    .min(1, "At least 1 day.")
    .max(3650, "At most 3650 days.")
    .optional(),
  expiresAt: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: "A date (2026-12-31) or an ISO date-time.",
    })
    .nullable()
    .optional()
    .meta({ description: "A date alone means 00:00 UTC of that day." }),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  scopes: z
    .array(z.string())
    .nullable()
    .meta({ description: "Null: everything its role may do; otherwise only these scopes." }),
  prefix: z.string().meta({ description: "The first characters of the secret, to recognise it." }),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

import { z } from "zod";
import { ROLES } from "@/lib/actor";

export const CreateApiTokenInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, "At least 2 characters.")
    .max(60, "At most 60 characters.")
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, "Letters, digits, dots, dashes and underscores (e.g. pagerduty-sync)."),
  role: z.enum(ROLES),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string().meta({ description: "The first characters of the secret, to recognise it." }),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

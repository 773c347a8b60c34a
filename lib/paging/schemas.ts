import { z } from "zod";
import { slug } from "@/lib/incidents/schemas";
import { SEVERITIES } from "@/lib/incidents/severity";

// Shared by the JSON API, the paging forms and /api/openapi.json. No database imports.

export const MAX_STEPS = 10;
export const MAX_TARGETS = 10;
export const MAX_REPEAT = 9;

const id = (what: string) => z.string().trim().min(1, `Choose ${what}.`).max(100);

export const StepTargetInput = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("user"), userId: id("a person") }),
    z.strictObject({ type: z.literal("oncall"), service: slug }),
    z.strictObject({ type: z.literal("policy"), policyId: id("a policy") }),
  ],
  { error: "Use a target of type user, oncall or policy." },
);
export type StepTargetInput = z.infer<typeof StepTargetInput>;

export const EscalationStepInput = z.strictObject({
  delayMinutes: z
    .number({ message: "Use a whole number of minutes." })
    .int("Use a whole number of minutes.")
    .min(1, "At least 1 minute before the next step.")
    .max(1440, "At most 1440 minutes (a day)."),
  targets: z
    .array(StepTargetInput)
    .min(1, "A step needs at least one target.")
    .max(MAX_TARGETS, `At most ${MAX_TARGETS} targets.`),
});

const name = z.string().trim().min(3, "At least 3 characters.").max(100, "At most 100 characters.");
const steps = z
  .array(EscalationStepInput)
  .min(1, "A policy needs at least one step.")
  .max(MAX_STEPS, `At most ${MAX_STEPS} steps.`);
const repeat = z
  .number({ message: "Use a whole number." })
  .int("Use a whole number.")
  .min(0, "0 or more.")
  .max(MAX_REPEAT, `At most ${MAX_REPEAT} repeats.`);

const ackTimeout = z
  .number({ message: "Use a whole number of minutes." })
  .int("Use a whole number of minutes.")
  .min(1, "At least 1 minute.")
  .max(1440, "At most 1440 minutes (a day).")
  .nullable();

export const CreatePolicyInput = z.strictObject({
  name,
  description: z.string().trim().max(2000, "At most 2000 characters.").default(""),
  repeat: repeat.default(0),
  isDefault: z.boolean().default(false),
  ackTimeoutMinutes: ackTimeout.default(null),
  steps,
});
export type CreatePolicyInput = z.infer<typeof CreatePolicyInput>;

export const UpdatePolicyInput = z.strictObject({
  name: name.optional(),
  description: z.string().trim().max(2000, "At most 2000 characters.").optional(),
  repeat: repeat.optional(),
  isDefault: z.boolean().optional(),
  ackTimeoutMinutes: ackTimeout.optional(),
  steps: steps.optional(),
});
export type UpdatePolicyInput = z.infer<typeof UpdatePolicyInput>;

const hour = z.number().int("A whole hour.").min(0, "0 to 24.").max(24, "0 to 24.");

/** PUT semantics: how one service is paged. */
export const ServicePagingInput = z
  .strictObject({
    policyId: z.string().trim().min(1).max(100).nullable(),
    highUrgencySeverities: z
      .array(z.enum(SEVERITIES))
      .max(SEVERITIES.length)
      .default(["SEV1", "SEV2"])
      .transform((list) => [...new Set(list)]),
    lowUrgencyBusinessHoursOnly: z.boolean().default(false),
    timeZone: z
      .string()
      .trim()
      .max(64)
      .refine(isTimeZone, "Use an IANA time zone such as Europe/Berlin.")
      .default("UTC"),
    businessHoursStart: hour.default(9),
    businessHoursEnd: hour.default(17),
  })
  .refine((v) => v.businessHoursStart < v.businessHoursEnd, {
    path: ["businessHoursEnd"],
    message: "Business hours must end after they start.",
  });
export type ServicePagingInput = z.infer<typeof ServicePagingInput>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const PolicyView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  repeat: z.number().int(),
  isDefault: z.boolean(),
  ackTimeoutMinutes: z.number().int().nullable(),
  steps: z.array(z.object({ delayMinutes: z.number().int(), targets: z.array(StepTargetInput) })),
  /** Services that name this policy (services naming none use the default one). */
  services: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const ServicePagingView = z.object({
  service: z.string(),
  /** The policy the service names; null: the default policy (`effectivePolicyId`) applies. */
  policyId: z.string().nullable(),
  effectivePolicyId: z.string().nullable(),
  highUrgencySeverities: z.array(z.enum(SEVERITIES)),
  lowUrgencyBusinessHoursOnly: z.boolean(),
  timeZone: z.string(),
  businessHoursStart: z.number().int(),
  businessHoursEnd: z.number().int(),
});
export type ServicePagingView = z.infer<typeof ServicePagingView>;

export const ReassignPageInput = z.strictObject({
  userId: z.string().trim().min(1, "Choose a person.").max(100),
});

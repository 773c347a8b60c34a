import { z } from "zod";
import { isoDateTime, slug } from "@/lib/field-schemas";

// Shared by the JSON API, the /services forms and /api/openapi.json.

/** The longest turn a rotation may have: eight weeks. */
export const MAX_HANDOFF_HOURS = 1344;
/** The longest override: a quarter. Longer cover is a change of rotation, not an override. */
export const MAX_OVERRIDE_DAYS = 92;

const userId = z.string().trim().min(1, "Choose a person.").max(100);

export const ServiceSlug = slug;

export const RotationInput = z.strictObject({
  userIds: z
    .array(userId)
    .min(1, "Add at least one person to the rotation.")
    .max(50, "At most 50 people.")
    .superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index)
          ctx.addIssue({ code: "custom", path: [index], message: "This person is already in the rotation." });
      });
    }),
  handoffHours: z
    .number({ message: "Use a whole number of hours." })
    .int("Use a whole number of hours.")
    .min(1, "At least 1 hour.")
    .max(MAX_HANDOFF_HOURS, `At most ${MAX_HANDOFF_HOURS} hours (8 weeks).`),
  startsAt: isoDateTime,
});
export type RotationInput = z.infer<typeof RotationInput>;

/** PUT semantics: the whole on-call setup; `onCall: null` removes the rotation, a missing ownerTeam clears it. */
export const UpdateServiceInput = z.strictObject({
  ownerTeam: z
    .string()
    .trim()
    .min(1, "Must not be empty.")
    .max(100, "At most 100 characters.")
    .nullable()
    .optional(),
  onCall: RotationInput.nullable(),
});
export type UpdateServiceInput = z.infer<typeof UpdateServiceInput>;

export const CreateOverrideInput = z
  .strictObject({ userId, startsAt: isoDateTime, endsAt: isoDateTime })
  .superRefine((value, ctx) => {
    const span = new Date(value.endsAt).getTime() - new Date(value.startsAt).getTime();
    if (span <= 0) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "Must be after the start." });
    else if (span > MAX_OVERRIDE_DAYS * 86_400_000)
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: `An override covers at most ${MAX_OVERRIDE_DAYS} days.`,
      });
  });
export type CreateOverrideInput = z.infer<typeof CreateOverrideInput>;

export const OnCallQuery = z.strictObject({ at: isoDateTime.optional() });

import { z } from "zod";

// Scheduled maintenance (docs/status-pages.md#scheduled-maintenance), shared by the API, the admin
// forms and /api/openapi.json. No database imports.

export const MAINTENANCE_STATES = ["scheduled", "in_progress", "completed", "cancelled"] as const;
export type MaintenanceState = (typeof MAINTENANCE_STATES)[number];

const title = z
  .string({ error: "Give a title." })
  .trim()
  .min(1, "Give a title.")
  .max(200, "At most 200 characters.");
const body = z
  .string({ error: "Tell customers what the maintenance is." })
  .trim()
  .min(1, "Tell customers what the maintenance is.")
  .max(20_000, "At most 20000 characters.");
const instant = (what: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `The ${what} as an ISO 8601 time with its offset, e.g. 2026-03-15T14:00:00Z.`,
    })
    .transform((value) => new Date(value));
const components = z
  .array(z.string().min(1).max(64), { error: "A list of component ids." })
  .min(1, "Name at least one component.")
  .max(200)
  .transform((list) => [...new Set(list)])
  .meta({ description: "Components of the page under maintenance while it is in progress." });
const remindMinutesBefore = z
  .number({ error: "A whole number of minutes." })
  .int("A whole number of minutes.")
  .min(0, "0 (no reminder) or more.")
  .max(10_080, "At most a week (10080 minutes).")
  .meta({ description: "Subscribers get a reminder this long before the start (0: none)." });

const endsAfterStart = (input: { startsAt?: Date; endsAt?: Date }) =>
  !input.startsAt || !input.endsAt || input.endsAt > input.startsAt;
const endsAfterStartIssue = { message: "Must be after the start.", path: ["endsAt"] };

export const ScheduleMaintenanceInput = z
  .strictObject({
    title,
    body: body.meta({ description: "Markdown shown to customers." }),
    startsAt: instant("start"),
    endsAt: instant("end"),
    components,
    remindMinutesBefore: remindMinutesBefore.default(60),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type ScheduleMaintenanceInput = z.infer<typeof ScheduleMaintenanceInput>;

export const UpdateMaintenanceInput = z
  .strictObject({
    title: title.optional(),
    body: body.optional(),
    startsAt: instant("start").optional(),
    endsAt: instant("end").optional(),
    components: components.optional(),
    remindMinutesBefore: remindMinutesBefore.optional(),
    state: z
      .enum(["cancelled", "completed"], {
        error: "cancelled (while scheduled) or completed (to end it early).",
      })
      .optional()
      .meta({ description: "cancelled while scheduled; completed ends one in progress early." }),
  })
  .refine(endsAfterStart, endsAfterStartIssue)
  .refine((input) => !input.state || Object.keys(input).length === 1, {
    message: "Change the state alone, without other fields.",
    path: ["state"],
  });
export type UpdateMaintenanceInput = z.infer<typeof UpdateMaintenanceInput>;

export const MaintenanceView = z.object({
  id: z.string(),
  pageId: z.string(),
  title: z.string(),
  body: z.string(),
  state: z.enum(MAINTENANCE_STATES),
  startsAt: z.date(),
  endsAt: z.date(),
  remindMinutesBefore: z.number().int(),
  components: z.array(z.object({ componentId: z.string(), name: z.string() })),
  version: z.number().int().meta({ description: "The ETag; send it as If-Match with PATCH." }),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  remindedAt: z.date().nullable(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});
export type MaintenanceView = z.infer<typeof MaintenanceView>;

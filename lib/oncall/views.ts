import { z } from "zod";

// What the services API answers; documented in /api/openapi.json.

const Person = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const OverrideView = z.object({
  id: z.number().int(),
  userId: z.string(),
  userName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  createdBy: z.string(),
  createdAt: z.date(),
});
export type OverrideView = z.infer<typeof OverrideView>;

export const ServiceView = z.object({
  slug: z.string(),
  name: z.string(),
  ownerTeam: z.string().nullable(),
  onCall: z
    .object({ userIds: z.array(z.string()), handoffHours: z.number().int(), startsAt: z.date() })
    .nullable(),
  members: z.array(Person).describe("The rotation's people in turn order"),
  now: z
    .object({ userId: z.string().nullable(), name: z.string().nullable(), until: z.date().nullable() })
    .describe("Who is on call now and until when (null: no hand-off ahead)"),
  next: z
    .object({ userId: z.string().nullable(), name: z.string().nullable(), at: z.date() })
    .nullable()
    .describe("The next hand-off"),
  overrides: z.array(OverrideView).describe("Current and upcoming overrides, soonest first"),
});
export type ServiceView = z.infer<typeof ServiceView>;

export const ServiceList = z.object({ items: z.array(ServiceView) });

export const OnCallView = z.object({
  service: z.string(),
  at: z.date(),
  userId: z.string().nullable(),
  name: z.string().nullable(),
  until: z.date().nullable().describe("When this person hands off (null: no hand-off ahead)"),
});
export type OnCallView = z.infer<typeof OnCallView>;

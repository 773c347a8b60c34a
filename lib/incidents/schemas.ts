import { z } from "zod";
import { isoDate, isoDateTime, slug, SLUG_PATTERN } from "@/lib/field-schemas";
import { TITLE_MAX, TITLE_MIN } from "./incident-title";
import { STATUSES } from "./lifecycle";
import { SEVERITIES } from "./severity";

// Shared by the JSON API, the server actions and the forms, and the source of /api/openapi.json.

// The shared fields stay importable from here for the forms and the OpenAPI document.
export { isoDate, isoDateTime, slug, SLUG_PATTERN };

const userId = z.string().trim().min(1).max(100);
const markdown = (max: number) => z.string().max(max, `At most ${max} characters.`);
const summary = z.string().trim().min(1, "Must not be empty.").max(5000, "At most 5000 characters.");

export const SeveritySchema = z.enum(SEVERITIES);
export const StatusSchema = z.enum(STATUSES);
export const LINK_TYPES = ["alert", "error_group", "trace", "release"] as const;
export const LinkTypeSchema = z.enum(LINK_TYPES);
export type LinkType = (typeof LINK_TYPES)[number];
export const TIMELINE_MESSAGE_TYPES = ["update", "action", "resolution"] as const;
export const SOURCES = ["dashboard", "api", "alert", "error_group", "workflow", "demo"] as const;
/** Where impact_start_at came from: "declared_default" is a stand-in (unknown); the others are known, "alert" is measured. */
export const IMPACT_START_SOURCES = ["reported", "declared_default", "alert"] as const;
export type ImpactStartSource = (typeof IMPACT_START_SOURCES)[number];

export const DeclareIncidentInput = z.strictObject({
  title: z
    .string()
    .trim()
    .min(TITLE_MIN, `At least ${TITLE_MIN} characters.`)
    .max(TITLE_MAX, `At most ${TITLE_MAX} characters.`),
  severity: SeveritySchema,
  status: z.enum(["declared", "investigating"]).optional(),
  services: z
    .array(slug)
    .min(1, "Pick at least one affected service.")
    .max(20, "At most 20 services.")
    .refine((list) => new Set(list).size === list.length, "List each service once."),
  environment: slug,
  description: markdown(20_000).optional(),
  declaredBy: z.string().trim().min(1).max(100).optional(),
  commanderId: userId.nullable().optional(),
  technicalLeadId: userId.nullable().optional(),
  communicatorId: userId.nullable().optional(),
  impactStartedAt: isoDateTime.optional(),
});
export type DeclareIncidentInput = z.infer<typeof DeclareIncidentInput>;

export const UpdateIncidentInput = z
  .strictObject({
    status: StatusSchema.optional(),
    severity: SeveritySchema.optional(),
    commanderId: userId.nullable().optional(),
    technicalLeadId: userId.nullable().optional(),
    communicatorId: userId.nullable().optional(),
    mitigationSummary: summary.optional(),
    resolutionSummary: summary.optional(),
    resolvedAt: isoDateTime.optional(),
    title: z
      .string()
      .trim()
      .min(TITLE_MIN, `At least ${TITLE_MIN} characters.`)
      .max(TITLE_MAX, `At most ${TITLE_MAX} characters.`)
      .optional(),
    description: markdown(20_000).optional(),
    services: z
      .array(slug)
      .min(1, "An incident affects at least one service.")
      .max(20, "At most 20 services.")
      .refine((list) => new Set(list).size === list.length, "List each service once.")
      .optional(),
    environment: slug.optional(),
    impactStartedAt: isoDateTime.optional(),
  })
  .refine((value) => value.resolvedAt === undefined || value.status === "resolved", {
    message: "resolvedAt is only accepted together with status: resolved.",
    path: ["resolvedAt"],
  });
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInput>;

export const AddTimelineEntryInput = z.strictObject({
  message: z.string().trim().min(1, "Write a message.").max(20_000, "At most 20000 characters."),
  type: z.enum(TIMELINE_MESSAGE_TYPES),
});
export type AddTimelineEntryInput = z.infer<typeof AddTimelineEntryInput>;

export const LinkInput = z.strictObject({
  type: LinkTypeSchema,
  targetId: z
    .string()
    .trim()
    .min(1, "Give the ID of the alert, error group, trace or release.")
    .max(200, "At most 200 characters.")
    .regex(/^[\x21-\x7e]+$/, "Printable characters without spaces."),
});
export type LinkInput = z.infer<typeof LinkInput>;

export const LINK_ROLES = ["suspected_cause", "fix"] as const;
export const MarkLinkInput = LinkInput.extend({
  role: z
    .enum(LINK_ROLES)
    .nullable()
    .meta({ description: "suspected_cause or fix (releases only); null clears the mark." }),
});
export type MarkLinkInput = z.infer<typeof MarkLinkInput>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(10));

const dateOrDateTime = z.union([isoDateTime, isoDate], {
  message: "Use an ISO 8601 date (2026-03-15) or date-time.",
});

export const ListIncidentsQuery = z.strictObject({
  status: csv(StatusSchema).optional(),
  severity: csv(SeveritySchema).optional(),
  service: slug.optional(),
  environment: slug.optional(),
  from: dateOrDateTime.optional(),
  to: dateOrDateTime.optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

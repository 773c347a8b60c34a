import { z } from "zod";
import { isoDateTime, slug } from "@/lib/field-schemas";

export const ERROR_GROUP_STATUSES = ["unresolved", "resolved", "ignored"] as const;
export const MAX_OCCURRENCES_PER_BATCH = 500;

export const ErrorOccurrence = z.strictObject({
  fingerprint: z
    .string()
    .trim()
    .min(1, "Give the fingerprint that groups identical errors.")
    .max(200, "At most 200 characters."),
  title: z.string().trim().min(1, "Give the error's message or type.").max(300, "At most 300 characters."),
  culprit: z.string().trim().max(300, "At most 300 characters.").optional(),
  service: slug,
  environment: slug,
  count: z.number().int().min(1, "At least 1.").max(1_000_000, "At most 1000000 per report.").default(1),
  usersAffected: z.number().int().min(0).max(100_000_000).default(0).meta({
    description:
      "Distinct users the sender saw in this report; the group keeps the largest value reported (a lower bound).",
  }),
  seenAt: isoDateTime.optional().meta({ description: "When the occurrences happened (default: now)." }),
});
export type ErrorOccurrence = z.infer<typeof ErrorOccurrence>;

export const IngestErrorsBatch = z.strictObject({
  occurrences: z
    .array(ErrorOccurrence)
    .min(1, "Send at least one occurrence.")
    .max(MAX_OCCURRENCES_PER_BATCH, `At most ${MAX_OCCURRENCES_PER_BATCH} per batch.`),
});

/** One occurrence, or a batch `{ occurrences: [...] }` (documentation; ingestErrors picks one by the key). */
export const IngestErrorsInput = z.union([ErrorOccurrence, IngestErrorsBatch]);

export const isErrorBatch = (raw: unknown): boolean =>
  typeof raw === "object" && raw !== null && !Array.isArray(raw) && "occurrences" in raw;

export const ListErrorGroupsQuery = z.strictObject({
  service: slug.optional(),
  environment: slug.optional(),
  status: z.enum(ERROR_GROUP_STATUSES).optional(),
  sort: z.enum(["last_seen", "count"]).default("last_seen"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListErrorGroupsQuery = z.infer<typeof ListErrorGroupsQuery>;

const date = z.date();
export const ErrorGroupView = z.object({
  id: z.string().meta({ example: "err_3f9a1c2b7d4e8f01" }),
  fingerprint: z.string(),
  title: z.string(),
  culprit: z.string().nullable(),
  service: z.string(),
  environment: z.string(),
  count: z.number().int(),
  usersAffected: z.number().int(),
  firstSeen: date,
  lastSeen: date,
  status: z.enum(ERROR_GROUP_STATUSES),
});
export type ErrorGroupView = z.infer<typeof ErrorGroupView>;

export const ErrorGroupListItem = ErrorGroupView.extend({
  trend: z
    .array(z.number().int())
    .meta({ description: "Occurrences in each of the last 24 hours, oldest first." }),
});
export type ErrorGroupListItem = z.infer<typeof ErrorGroupListItem>;

export const UpdateErrorGroupInput = z.strictObject({ status: z.enum(ERROR_GROUP_STATUSES) });

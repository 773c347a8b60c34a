import { z } from "zod";
import { isoDateTime, slug } from "@/lib/field-schemas";

export const RecordReleaseInput = z.strictObject({
  service: slug,
  environment: slug,
  version: z.string().trim().min(1, "Give the version, e.g. v2.3.1.").max(100, "At most 100 characters."),
  commit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,40}$/i, "A git commit SHA (7 to 40 hex digits).")
    .optional(),
  deployedAt: isoDateTime.optional().meta({ description: "When the deployment finished (default: now)." }),
  deployedBy: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Who or what deployed it (default: the caller)." }),
  url: z
    .url({ protocol: /^https?$/, message: "An http(s) URL." })
    .max(2000)
    .optional(),
});
export type RecordReleaseInput = z.infer<typeof RecordReleaseInput>;

export const ListReleasesQuery = z.strictObject({
  service: slug.optional(),
  environment: slug.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ReleaseView = z.object({
  id: z.string().meta({ example: "rel_5b1e0c9a7f3d2e48" }),
  service: z.string(),
  environment: z.string(),
  version: z.string(),
  commit: z.string().nullable(),
  url: z.string().nullable(),
  deployedAt: z.date(),
  deployedBy: z.string(),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

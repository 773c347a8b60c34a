import { z } from "zod";
import { ActionItemView } from "@/lib/action-items/schemas";
import { SECTION_KEYS, type SectionKey } from "./build-sections";

export const POSTMORTEM_STATUSES = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];
export const PostmortemStatusSchema = z.enum(POSTMORTEM_STATUSES);

const SectionKeySchema = z.enum(SECTION_KEYS as [SectionKey, ...SectionKey[]]);

export const UpdatePostmortemInput = z
  .strictObject({
    sections: z
      .partialRecord(SectionKeySchema, z.string().max(50_000, "At most 50000 characters."))
      .optional()
      .meta({
        description:
          "Section key → new Markdown text. An edited section is never overwritten by regeneration.",
      }),
    status: PostmortemStatusSchema.optional(),
    authors: z
      .array(z.string().trim().min(1).max(100))
      .max(20)
      .optional()
      .meta({ description: "User ids; whoever edits is added automatically." }),
  })
  .refine((v) => v.sections !== undefined || v.status !== undefined || v.authors !== undefined, {
    message: "Send sections, status or authors.",
  });
export type UpdatePostmortemInput = z.infer<typeof UpdatePostmortemInput>;

const date = z.date();
export const PostmortemSectionView = z.object({
  key: z.string(),
  title: z.string(),
  text: z.string(),
  edited: z.boolean(),
});
const Point = z.object({ t: z.number(), errorRate: z.number(), latencyP95Ms: z.number() });
export const MetricSnapshotView = z.object({
  from: z.number(),
  to: z.number(),
  bucketMinutes: z.number().int(),
  capturedAt: z.string(),
  services: z.array(z.object({ service: z.string(), points: z.array(Point) })),
});

export const PostmortemView = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  status: PostmortemStatusSchema,
  markdown: z.string(),
  sections: z.array(PostmortemSectionView),
  metricSnapshot: MetricSnapshotView,
  authors: z.array(z.object({ id: z.string(), name: z.string() })),
  createdBy: z.string(),
  publishedAt: date.nullable(),
  version: z.number().int(),
  createdAt: date,
  updatedAt: date,
  actionItems: z.array(ActionItemView),
});
export type PostmortemView = z.infer<typeof PostmortemView>;

/** draft → in_review → published; a review can send it back to draft; published is final. */
export const POSTMORTEM_TRANSITIONS: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ["in_review"],
  in_review: ["draft", "published"],
  published: [],
};

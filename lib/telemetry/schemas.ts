import { z } from "zod";
import { slug } from "@/lib/field-schemas";

export const MAX_POINTS_PER_BATCH = 5000;

export const MetricPoint = z.strictObject({
  service: slug,
  environment: slug,
  timestamp: z.iso.datetime({
    offset: true,
    message: "Use an ISO 8601 date-time such as 2026-03-15T14:35:00Z.",
  }),
  errorRate: z.number().min(0, "A rate between 0 and 1.").max(1, "A rate between 0 and 1 (0.05 = 5%)."),
  latencyP95Ms: z.number().min(0).max(3_600_000),
  requestRate: z.number().min(0, "Requests per second, not negative."),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

/** A batch is `{ points: [...] }` (a bare array is accepted too). */
export const IngestMetricsInput = z.strictObject({
  points: z
    .array(MetricPoint)
    .min(1, "Send at least one point.")
    .max(MAX_POINTS_PER_BATCH, `At most ${MAX_POINTS_PER_BATCH} points per batch.`),
});

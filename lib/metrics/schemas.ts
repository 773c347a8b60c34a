import { z } from "zod";
import { validationError } from "@/lib/errors";
import { isoDate, SeveritySchema, slug } from "@/lib/incidents/schemas";

export const RANGES = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type RangeKey = keyof typeof RANGES;

const day = isoDate;

export const MetricsQuery = z
  .strictObject({
    range: z.enum(["7d", "30d", "90d"]).optional(),
    from: day.optional(),
    to: day.optional(),
    service: slug.optional(),
    environment: slug.optional(),
    severity: z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(SeveritySchema).max(4))
      .optional(),
    interval: z.enum(["week", "month"]).default("week"),
  })
  .refine((q) => !(q.range && (q.from || q.to)), {
    message: "Give either range or from/to, not both.",
    path: ["range"],
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "from must not be after to.",
    path: ["from"],
  });
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const DAY_MS = 86_400_000;
/** A year, leap day included: enough for a yearly review, and it bounds what one request scans. */
export const MAX_WINDOW_DAYS = 366;

/**
 * The window [from, to) the query asks for, and the previous window of the same length right before
 * it (for the change figures). Windows are whole UTC days, `to` included; a preset is the last N days
 * with today as the last (so far), the same window as from/to naming those days. Whole days are what
 * the page says and links to (the list's from/to), keep a figure still for a day instead of sliding
 * with the clock, and let the rollups answer without reading any incident (rollup-metrics.ts).
 */
export function metricsWindow(query: MetricsQuery, now: Date) {
  const tomorrow = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  let from: Date;
  let to: Date;
  if (query.from || query.to) {
    to = new Date(query.to ? Date.parse(query.to) + DAY_MS : tomorrow);
    from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  } else {
    to = new Date(tomorrow);
    from = new Date(tomorrow - RANGES[query.range ?? "30d"] * DAY_MS);
  }
  const length = to.getTime() - from.getTime();
  // Checked on the window itself, so a `from` alone (which runs to now) is bounded too.
  if (length > MAX_WINDOW_DAYS * DAY_MS) {
    throw validationError([
      {
        path: query.from ? "from" : "to",
        message: `The period may span at most ${MAX_WINDOW_DAYS} days; choose a later from or an earlier to.`,
      },
    ]);
  }
  return { from, to, previousFrom: new Date(from.getTime() - length), previousTo: from };
}

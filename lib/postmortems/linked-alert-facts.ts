import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertEvents, alerts } from "@/db/alerts-schema";

/** A linked alert as it was when it fired; the alerts row keeps only the latest value. */
export type LinkedAlertFact = {
  title: string;
  severity: string;
  value: number | null;
  threshold: number | null;
  firedAt: Date;
};

/**
 * The value and threshold of each known alert at its firing, from its `fired` history row (the value
 * the source sent then), falling back to the row's own value when that history carries none.
 */
export async function linkedAlertFacts(tx: Db, alertIds: string[]): Promise<Map<string, LinkedAlertFact>> {
  if (alertIds.length === 0) return new Map();
  const rows = await tx.select().from(alerts).where(inArray(alerts.id, alertIds));
  const fired = await tx
    .select({ alertId: alertEvents.alertId, at: alertEvents.at, data: alertEvents.data })
    .from(alertEvents)
    .where(and(inArray(alertEvents.alertId, alertIds), eq(alertEvents.kind, "fired")))
    .orderBy(asc(alertEvents.id));
  const firstFiring = new Map<string, { at: Date; value: unknown }>();
  for (const f of fired)
    if (!firstFiring.has(f.alertId))
      firstFiring.set(f.alertId, { at: f.at, value: (f.data as { value?: unknown }).value });
  return new Map(
    rows.map((row) => {
      const firing = firstFiring.get(row.id);
      const value = typeof firing?.value === "number" ? firing.value : row.value;
      return [
        row.id,
        {
          title: row.title,
          severity: row.severity,
          value,
          threshold: row.threshold,
          firedAt: firing?.at ?? row.startsAt,
        },
      ];
    }),
  );
}

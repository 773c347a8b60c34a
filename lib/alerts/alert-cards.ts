import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";

/** `state` is the alert's status (firing, acknowledged, resolved); `href` its page here. */
export type AlertCardDetail = {
  title: string;
  state: string;
  value: number | null;
  threshold: number | null;
  startedAt: Date | null;
  href: string;
};

// An alert ID the alerts table does not hold is one from another system: "not known here".
/** The card of each stored alert among `ids` (for an incident's links, lib/incidents/link-cards.ts). */
export async function alertCardsByIds(db: Db, ids: string[]): Promise<Map<string, AlertCardDetail>> {
  const rows = await db.select().from(alerts).where(inArray(alerts.id, ids));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        title: row.title,
        state: row.status,
        value: row.value,
        threshold: row.threshold,
        startedAt: row.startsAt,
        href: `/alerts/${encodeURIComponent(row.id)}`,
      },
    ]),
  );
}

/** Alerts on these services and environment that started in the window (both ends included), first 50. */
export async function alertsStartedIn(
  db: Db,
  w: { services: string[]; environment: string; from: Date; to: Date },
) {
  return db
    .select()
    .from(alerts)
    .where(
      and(
        inArray(alerts.service, w.services),
        eq(alerts.environment, w.environment),
        gte(alerts.startsAt, w.from),
        lte(alerts.startsAt, w.to),
      ),
    )
    .orderBy(asc(alerts.startsAt))
    .limit(50);
}

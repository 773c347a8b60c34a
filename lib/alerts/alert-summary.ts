import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { openIncidentsOfAlert } from "./alert-incidents";

export type AlertSummary = {
  id: string;
  title: string;
  severity: string;
  status: string;
  service: string | null;
  source: string;
  /** Open incidents it is linked to: an alert with one is paged through its incident. */
  openIncidentIds: string[];
};

/** What other domains need of an alert (paging), read in the caller's transaction. */
export async function readAlertSummary(db: Db, id: string): Promise<AlertSummary | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    service: row.service,
    source: row.source,
    openIncidentIds: await openIncidentsOfAlert(db, row.id),
  };
}

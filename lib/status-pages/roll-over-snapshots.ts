import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages, statusPageSnapshots } from "@/db/status-pages-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineMaintenance } from "@/lib/jobs/maintenance";
import { rebuildSnapshot } from "./build-snapshot";
import { localDate } from "./local-days";
import { lockStatusPage } from "./lock-status-page";
import { rememberSnapshots } from "./snapshot-cache";

/**
 * Rebuilds the snapshot of every page whose uptime bars end on an earlier local day than today in
 * its time zone (or that has no bars yet), so a new bar appears after each local midnight without a
 * change to the page (docs/decisions/0123-uptime-bars.md). Run by the 10-minute maintenance job, so
 * a midnight at any offset is at most one tick late and a missed tick only delays it; each page is
 * its own short transaction, re-checked under the page's lock, so two instances rebuild it once.
 * Nothing changes that a person did, so no audit entry. Returns how many pages it rebuilt.
 */
export async function rollOverSnapshots(db: Db, now = new Date()): Promise<number> {
  const pages = await db
    .select({
      id: statusPages.id,
      timeZone: statusPages.timeZone,
      uptimeDay: sql<string | null>`${statusPageSnapshots.body}->>'uptimeDay'`,
    })
    .from(statusPages)
    .innerJoin(statusPageSnapshots, eq(statusPageSnapshots.pageId, statusPages.id));
  const stale = pages.filter((page) => page.uptimeDay !== localDate(now, page.timeZone));
  let rebuilt = 0;
  for (const { id } of stale) {
    const snapshot = await runTransaction(db, async (tx) => {
      const page = await lockStatusPage(tx, id);
      const [current] = await tx
        .select({ uptimeDay: sql<string | null>`${statusPageSnapshots.body}->>'uptimeDay'` })
        .from(statusPageSnapshots)
        .where(eq(statusPageSnapshots.pageId, id));
      if (current?.uptimeDay === localDate(now, page.timeZone)) return null;
      return rebuildSnapshot(tx, page, now);
    });
    if (snapshot) {
      rememberSnapshots(db, [snapshot]);
      rebuilt++;
    }
  }
  return rebuilt;
}

export const rollOverSnapshotsMaintenance = defineMaintenance(
  "status-pages.roll-over-snapshots",
  rollOverSnapshots,
);

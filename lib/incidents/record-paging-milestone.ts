import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents } from "@/db/incidents-schema";

// The moments paging reached an incident (MTTA, decision 0109), written by lib/paging inside the
// transaction that opens or acknowledges the page. Each is set the first time only: a second page, a
// re-triggered page acknowledged again, never moves it, so MTTA stays "declared → first answer".
// Neither bumps the incident's version: they are not edits, and someone holding the incident's ETag
// must not get a 412 because a page was answered. One statement each: a stamp already there matches
// no row and costs no write (nor a rollup trigger).

/** Stamps `paged_at` when a page for the incident opens; a later page leaves the first one. */
export async function markIncidentPaged(tx: Db, incidentId: string, at: Date): Promise<void> {
  await tx
    .update(incidents)
    .set({ pagedAt: at })
    .where(and(eq(incidents.id, incidentId), isNull(incidents.pagedAt)));
}

/** Stamps `acknowledged_at` at the first acknowledgement of any of the incident's pages. */
export async function markIncidentAcknowledged(tx: Db, incidentId: string, at: Date): Promise<void> {
  await tx
    .update(incidents)
    .set({ acknowledgedAt: at })
    .where(and(eq(incidents.id, incidentId), isNull(incidents.acknowledgedAt)));
}

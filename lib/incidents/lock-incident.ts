import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents } from "@/db/incidents-schema";
import { DomainError, notFound } from "@/lib/errors";

export type IncidentRow = typeof incidents.$inferSelect;

/** An incident id as a path gives it: anything that cannot be one is simply not found. */
export function assertIncidentIdShape(id: string): void {
  if (id.length === 0 || id.length > 64 || id.includes("\u0000"))
    throw notFound(`Incident ${id.replace(/\u0000/g, "")}`);
}

/**
 * SELECT … FOR UPDATE: every command on an incident holds its row until commit, so two commands
 * on one incident run one after the other and none works from a stale read.
 */
export async function lockIncident(tx: Db, id: string, expectedVersion?: number): Promise<IncidentRow> {
  assertIncidentIdShape(id);
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update");
  if (!row) throw notFound(`Incident ${id}`);
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new DomainError(
      "precondition_failed",
      `Incident ${id} was changed by someone else (you had version ${expectedVersion}, it is now ${row.version}). Reload and try again.`,
      { extra: { currentVersion: row.version } },
    );
  }
  return row;
}

/** Marks the aggregate as changed: a new version invalidates every ETag handed out before. */
export async function bumpVersion(tx: Db, row: IncidentRow, changes: Partial<IncidentRow>, now: Date) {
  const [updated] = await tx
    .update(incidents)
    .set({ ...changes, version: row.version + 1, updatedAt: now })
    .where(eq(incidents.id, row.id))
    .returning();
  return updated;
}

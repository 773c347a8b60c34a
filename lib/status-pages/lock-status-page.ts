import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages } from "@/db/status-pages-schema";
import { notFound } from "@/lib/errors";
import { isIdShape } from "./status-page-ids";

export type StatusPageRow = typeof statusPages.$inferSelect;

/**
 * SELECT … FOR UPDATE on the page: every change to a page or anything on it holds this row until
 * commit, so revisions are handed out one at a time and each snapshot is built from committed state.
 * Where an internal incident changes too, its row is locked first (the order every command keeps).
 */
export async function lockStatusPage(tx: Db, id: string): Promise<StatusPageRow> {
  if (!isIdShape(id, "sp")) throw notFound("Status page");
  const [row] = await tx.select().from(statusPages).where(eq(statusPages.id, id)).for("update");
  if (!row) throw notFound(`Status page ${id}`);
  return row;
}

import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { publicIncidents, statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { PublicPhase } from "./schemas";
import { isIdShape } from "./status-page-ids";

/** A page's public incidents, newest first, without their updates (GET one for those). */
export async function listPublicIncidents(db: Db, actor: Actor, pageId: string) {
  authorize(actor, "status-pages.read");
  if (!isIdShape(pageId, "sp")) throw notFound("Status page");
  const [page] = await db.select({ id: statusPages.id }).from(statusPages).where(eq(statusPages.id, pageId));
  if (!page) throw notFound(`Status page ${pageId}`);
  const rows = await db
    .select()
    .from(publicIncidents)
    .where(eq(publicIncidents.pageId, pageId))
    .orderBy(desc(publicIncidents.createdAt), desc(publicIncidents.id))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    incidentId: row.incidentId,
    title: row.title,
    phase: row.phase as PublicPhase,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
  }));
}

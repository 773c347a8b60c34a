import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import type { Visibility } from "./schemas";

export async function listStatusPages(db: Db, actor: Actor) {
  authorize(actor, "status-pages.read");
  const rows = await db.select().from(statusPages).orderBy(asc(statusPages.name), asc(statusPages.id));
  return rows.map((page) => ({
    id: page.id,
    name: page.name,
    slug: page.slug,
    isDefault: page.isDefault,
    visibility: page.visibility as Visibility,
    revision: page.revision,
    updatedAt: page.updatedAt,
  }));
}

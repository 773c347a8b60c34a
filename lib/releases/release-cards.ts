import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { releases } from "@/db/errors-schema";
import type { ReleaseView } from "./schemas";
import { toReleaseView } from "./to-view";

/** Each stored release among `ids` (for an incident's links, lib/incidents/link-cards.ts). */
export async function releaseCardsByIds(db: Db, ids: string[]): Promise<Map<string, ReleaseView>> {
  const rows = await db.select().from(releases).where(inArray(releases.id, ids));
  return new Map(rows.map((row) => [row.id, toReleaseView(row)]));
}

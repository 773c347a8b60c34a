import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages } from "@/db/status-pages-schema";
import { DomainError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { rebuildSnapshot } from "./build-snapshot";
import type { PublicSnapshot } from "./public-snapshot";

/**
 * Moves the default flag to `pageId`: the page that had it is locked, cleared and its snapshot
 * rebuilt in the same transaction, so no instance ever learns of two defaults from the table.
 */
export async function takeDefault(tx: Db, pageId: string, now: Date): Promise<PublicSnapshot[]> {
  const previous = await tx
    .select()
    .from(statusPages)
    .where(and(eq(statusPages.isDefault, true), ne(statusPages.id, pageId)))
    .for("update");
  const rebuilt: PublicSnapshot[] = [];
  for (const page of previous) {
    await tx.update(statusPages).set({ isDefault: false }).where(eq(statusPages.id, page.id));
    rebuilt.push(await rebuildSnapshot(tx, { ...page, isDefault: false }, now));
  }
  return rebuilt;
}

export async function assertSlugFree(tx: Db, slug: string, exceptId?: string): Promise<void> {
  const [taken] = await tx.select({ id: statusPages.id }).from(statusPages).where(eq(statusPages.slug, slug));
  if (taken && taken.id !== exceptId) throw slugTaken(slug);
}

export const slugTaken = (slug: string) =>
  new DomainError("already_exists", `A status page at /status/${slug} already exists.`, {
    errors: [{ path: "slug", message: "Taken by another status page." }],
  });

/** A concurrent creation with the same slug loses at the unique index: the same 409 as the check. */
export function rethrowSlugConflict(error: unknown, slug: string | undefined): never {
  if (slug !== undefined && isUniqueViolation(error)) throw slugTaken(slug);
  throw error;
}

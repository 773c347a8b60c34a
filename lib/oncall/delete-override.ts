import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncallOverrides } from "@/db/schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { parseSlug } from "./list-services";

/** Removes an override of this service; the rotation covers its range again. */
export async function deleteOverride(db: Db, actor: Actor, rawSlug: string, rawId: string): Promise<void> {
  authorize(actor, "oncall.manage");
  const slug = parseSlug(rawSlug);
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : null;
  if (id === null) throw notFound(`Override ${rawId}`);
  await runTransaction(db, async (tx) => {
    const removed = await tx
      .delete(oncallOverrides)
      .where(and(eq(oncallOverrides.id, id), eq(oncallOverrides.serviceSlug, slug)))
      .returning({ id: oncallOverrides.id });
    if (removed.length === 0) throw notFound(`Override ${rawId} of service ${slug}`);
  });
}

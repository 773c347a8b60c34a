import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncallOverrides } from "@/db/oncall-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { parseSlug } from "./list-services";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

/** Removes an override of this service; the rotation covers its range again. */
export async function deleteOverride(db: Db, actor: Actor, rawSlug: string, rawId: string): Promise<void> {
  authorize(actor, "oncall.manage");
  const slug = parseSlug(rawSlug);
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : null;
  if (id === null) throw notFound(`Override ${rawId}`);
  await runTransaction(db, async (tx) => {
    const [removed] = await tx
      .delete(oncallOverrides)
      .where(and(eq(oncallOverrides.id, id), eq(oncallOverrides.serviceSlug, slug)))
      .returning();
    if (!removed) throw notFound(`Override ${rawId} of service ${slug}`);
    await recordAuditEvent(tx, actor, {
      action: "override.deleted",
      target: { type: "override", id: String(removed.id), name: `${slug}: ${removed.userId}` },
      before: {
        serviceSlug: slug,
        userId: removed.userId,
        startsAt: removed.startsAt,
        endsAt: removed.endsAt,
      },
    });
  });
}

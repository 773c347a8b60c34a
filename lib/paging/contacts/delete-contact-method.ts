import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { authorize } from "@/lib/permissions";
import { contactAuditSnapshot, contactAuditTarget, contactOwner, lockOwnMethod } from "./contact-method-view";

/**
 * Removes one of the caller's methods with its rules (cascade). Notifications already scheduled by it
 * keep their row (method set null) and are marked failed when due, so the paging panel still says so.
 */
export async function deleteContactMethod(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  await runTransaction(db, async (tx) => {
    const row = await lockOwnMethod(tx, userId, id);
    await tx.delete(contactMethods).where(eq(contactMethods.id, row.id));
    await recordAuditEvent(tx, actor, {
      action: "contact_method.deleted",
      target: contactAuditTarget(row),
      before: contactAuditSnapshot(row),
    });
  });
}

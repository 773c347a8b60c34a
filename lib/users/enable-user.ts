import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";

/** Undoes disableUser: the person can sign in again and the tokens they created work again. */
export async function enableUser(db: Db, actor: Actor, userId: string) {
  authorize(actor, "users.manage");
  return runTransaction(db, async (tx) => {
    const [current] = await tx
      .select({ name: users.name, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!current) throw notFound(`User ${userId}`);
    const [updated] = await tx
      .update(users)
      .set({ disabledAt: null, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        disabledAt: users.disabledAt,
      });
    await recordAuditEvent(tx, actor, {
      action: "user.enabled",
      target: { type: "user", id: updated.id, name: updated.name },
      before: { disabledAt: current.disabledAt },
      after: { disabledAt: null },
    });
    return updated;
  });
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/core-schema";
import { type Actor, actorUserId } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError } from "@/lib/errors";
import { runTransaction } from "@/lib/db/run-transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { lockUserAmongAdmins } from "./lock-admins";
import { releaseUserDuties } from "./release-user-duties";

/**
 * An admin disables an account: it can no longer sign in, its sessions end now (rows deleted), the
 * tokens it created are refused while it stays disabled (checked when a token is verified, so
 * re-enabling brings them back), and it leaves its rotations, overrides and escalation steps
 * (release-user-duties.ts; re-enabling does not put it back: someone decides that). Never yourself, never the last active admin: nobody could undo it.
 */
export async function disableUser(db: Db, actor: Actor, userId: string) {
  authorize(actor, "users.manage");
  if (actorUserId(actor) === userId) {
    throw new DomainError("conflict", "You cannot disable your own account; ask another admin.");
  }
  return runTransaction(db, async (tx) => {
    const { user, lastActiveAdmin } = await lockUserAmongAdmins(tx, userId);
    if (lastActiveAdmin && !user.disabledAt) {
      throw new DomainError("conflict", "This is the last active admin; make someone else an admin first.");
    }
    const [updated] = await tx
      .update(users)
      .set({ disabledAt: user.disabledAt ?? new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        disabledAt: users.disabledAt,
      });
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    // Only on the change itself: disabling an already disabled account releases nothing twice.
    if (!user.disabledAt) await releaseUserDuties(tx, actor, user, updated.disabledAt ?? new Date());
    await recordAuditEvent(tx, actor, {
      action: "user.disabled",
      target: { type: "user", id: user.id, name: user.name },
      before: { disabledAt: user.disabledAt },
      after: { disabledAt: updated.disabledAt },
    });
    return updated;
  });
}

import { asc, eq, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { users } from "@/db/core-schema";
import { type Actor, ROLES } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const ChangeUserRoleInput = z.strictObject({ role: z.enum(ROLES) });

/** An admin changes someone's role; the last active admin cannot be demoted (nobody could undo it). */
export async function changeUserRole(db: Db, actor: Actor, userId: string, rawInput: unknown) {
  authorize(actor, "users.manage");
  const { role } = parseInput(ChangeUserRoleInput, rawInput);
  return runTransaction(db, async (tx) => {
    // The target and every admin, locked in one statement in id order: two admins demoting each
    // other at once queue up instead of deadlocking, and the second sees the first one's change.
    const locked = await tx
      .select()
      .from(users)
      .where(or(eq(users.id, userId), eq(users.role, "admin")))
      .orderBy(asc(users.id))
      .for("update");
    const user = locked.find((u) => u.id === userId);
    if (!user) throw notFound(`User ${userId}`);
    // A disabled admin cannot act, so they do not count.
    if (
      user.role === "admin" &&
      role !== "admin" &&
      !locked.some((u) => u.id !== userId && u.role === "admin" && !u.disabledAt)
    ) {
      throw new DomainError(
        "conflict",
        "This is the last admin who is not disabled; make someone else an admin first.",
        { errors: [{ path: "role", message: "The last active admin must stay an admin." }] },
      );
    }
    const [updated] = await tx
      .update(users)
      .set({ role, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
    await recordAuditEvent(tx, actor, {
      action: "user.role_changed",
      target: { type: "user", id: user.id, name: user.name },
      before: { role: user.role },
      after: { role: updated.role },
    });
    return updated;
  });
}

import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { users } from "@/db/core-schema";
import { type Actor, ROLES } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { lockUserAmongAdmins } from "./lock-admins";

export const ChangeUserRoleInput = z.strictObject({ role: z.enum(ROLES) });

/** An admin changes someone's role; the last active admin cannot be demoted (nobody could undo it). */
export async function changeUserRole(db: Db, actor: Actor, userId: string, rawInput: unknown) {
  authorize(actor, "users.manage");
  const { role } = parseInput(ChangeUserRoleInput, rawInput);
  return runTransaction(db, async (tx) => {
    const { user, lastActiveAdmin } = await lockUserAmongAdmins(tx, userId);
    if (lastActiveAdmin && role !== "admin") {
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

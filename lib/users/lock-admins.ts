import { asc, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { notFound } from "@/lib/errors";

/**
 * Before a change that could take away the last admin (a demotion, a disabling): locks the user and
 * every admin in one statement in id order, so two admins changing each other at once queue up instead
 * of deadlocking and the second sees the first one's change. `lastActiveAdmin`: the user is an admin and
 * no other admin who is not disabled remains (a disabled admin cannot act, so does not count); nobody
 * could undo the change.
 */
export async function lockUserAmongAdmins(tx: Db, userId: string) {
  const locked = await tx
    .select()
    .from(users)
    .where(or(eq(users.id, userId), eq(users.role, "admin")))
    .orderBy(asc(users.id))
    .for("update");
  const user = locked.find((u) => u.id === userId);
  if (!user) throw notFound(`User ${userId}`);
  const lastActiveAdmin =
    user.role === "admin" && !locked.some((u) => u.id !== userId && u.role === "admin" && !u.disabledAt);
  return { user, lastActiveAdmin };
}

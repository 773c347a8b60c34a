import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";

/** Undoes disableUser: the person can sign in again and the tokens they created work again. */
export async function enableUser(db: Db, actor: Actor, userId: string) {
  authorize(actor, "users.manage");
  const [updated] = await db
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
  if (!updated) throw notFound(`User ${userId}`);
  return updated;
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { clearSignInFailures } from "@/lib/auth/sign-in-rate-limit";
import { notFound } from "@/lib/errors";

/** An admin forgets an account's failed sign-ins from every address, ending any delay at once. */
export async function unlockUser(
  db: Db,
  actor: Actor,
  userId: string,
): Promise<{ id: string; email: string; clearedFailures: number }> {
  authorize(actor, "users.manage");
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound(`User ${userId}`);
  return { ...user, clearedFailures: await clearSignInFailures(db, user.email) };
}

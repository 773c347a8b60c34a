import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { clearSignInFailures } from "@/lib/auth/sign-in-rate-limit";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";

/** An admin forgets an account's failed sign-ins from every address, ending any delay at once. */
export async function unlockUser(
  db: Db,
  actor: Actor,
  userId: string,
): Promise<{ id: string; email: string; clearedFailures: number }> {
  authorize(actor, "users.manage");
  return runTransaction(db, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) throw notFound(`User ${userId}`);
    const clearedFailures = await clearSignInFailures(tx, user.email);
    await recordAuditEvent(tx, actor, {
      action: "user.unlocked",
      target: { type: "user", id: user.id, name: user.name },
      before: { signInFailures: clearedFailures },
      after: { signInFailures: 0 },
    });
    return { id: user.id, email: user.email, clearedFailures };
  });
}

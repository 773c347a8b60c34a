import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import type { RequestInfo, Role } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export type SignInOutcome = "succeeded" | "wrong_password" | "account_disabled";

/**
 * The audit event of a sign-in that reached the password check (a refusal by the rate limit tested
 * nothing and is not recorded, so hammering the form cannot flood the log). better-auth commits the
 * session on its own connection, so this row follows that commit rather than sharing it. The row
 * names the account (target id null when no account has that email) and never the password.
 */
export async function recordSignIn(
  db: Db,
  email: string,
  outcome: SignInOutcome,
  request: RequestInfo,
): Promise<void> {
  const [user] = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.email, email));
  const target = { type: "user" as const, id: user?.id ?? null, name: user?.name ?? email };
  if (outcome === "succeeded" && user) {
    const actor = {
      type: "user" as const,
      userId: user.id,
      name: user.name,
      role: user.role as Role,
      request,
    };
    await recordAuditEvent(db, actor, { action: "auth.sign_in_succeeded", target });
    return;
  }
  await recordAuditEvent(
    db,
    { type: "anonymous", name: email, request },
    { action: "auth.sign_in_failed", target, after: { reason: outcome } },
  );
}

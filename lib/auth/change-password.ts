import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { DomainError, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { getAuth } from "./auth";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordSignInAttempt } from "./sign-in-rate-limit";

export const ChangePasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: z.string().min(10, "At least 10 characters.").max(200, "At most 200 characters."),
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Does not match the new password.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

/**
 * The signed-in person changes their own password through better-auth (which checks the current one
 * and hashes the new one). Every other session of theirs ends; this one is replaced by a fresh
 * session (its cookie is set on the answer), so a stolen cookie stops working too. Guesses at the
 * current password count as failed sign-ins of the account: a stolen session cannot be used to
 * find the password faster than the sign-in form could.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  context: { headers: Headers; ip: string | null },
): Promise<void> {
  if (actor.type !== "user")
    throw new DomainError("forbidden", "Only a signed-in person can change their own password.");
  const input = parseInput(ChangePasswordInput, rawInput);
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: context.headers });
  if (!session || session.user.id !== actor.userId)
    throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  const attempt = await recordSignInAttempt(db, session.user.email, context.ip);
  try {
    await auth.api.changePassword({
      body: {
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
        revokeOtherSessions: true,
      },
      headers: context.headers,
    });
  } catch (error) {
    const { statusCode, body } = error as { statusCode?: number; body?: { code?: string; message?: string } };
    if (body?.code === "INVALID_PASSWORD")
      throw validationError(
        [{ path: "currentPassword", message: "Wrong current password." }],
        "Wrong current password; nothing was changed.",
      );
    if (statusCode === 401)
      throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
    if (statusCode && statusCode < 500)
      throw validationError([{ path: "newPassword", message: body?.message ?? "Not accepted." }]);
    throw error;
  }
  await attempt.succeeded();
  // After better-auth's own commit (it writes on its connection): no password, old or new, is named.
  await recordAuditEvent(db, actor, {
    action: "auth.password_changed",
    target: { type: "user", id: actor.userId, name: actor.name },
  });
}

"use server";

import { headers } from "next/headers";
import { changePassword } from "@/lib/auth/change-password";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction } from "@/lib/http/action-state";

// Passwords are never handed back to the form (withValues): a refused form starts empty.
export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const requestHeaders = await headers();
  return runAction(
    () =>
      asActionUser((_db, actor) =>
        changePassword(actor, { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword"), confirmPassword: form.get("confirmPassword") }, { headers: requestHeaders }),
      ),
    "Password changed. Your other sessions have been signed out.",
  );
}

"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword } from "@/lib/auth/change-password";
import { asActionUser } from "@/lib/auth/page-actor";
import { clientIp } from "@/lib/auth/request-info";
import { type ActionState, runAction } from "@/lib/http/action-state";

/**
 * Passwords are never handed back to the form (withValues): a refused form starts empty. On success
 * the old session no longer exists, so the page is loaded afresh with the new cookie (redirect).
 */
export async function changePasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const requestHeaders = await headers();
  const state = await runAction(() =>
    asActionUser((db, actor) =>
      changePassword(
        db,
        actor,
        {
          currentPassword: form.get("currentPassword"),
          newPassword: form.get("newPassword"),
          confirmPassword: form.get("confirmPassword"),
        },
        { headers: requestHeaders, ip: clientIp(requestHeaders) },
      ),
    ),
  );
  if (state.status === "ok") redirect("/settings/account?changed=1");
  return state;
}

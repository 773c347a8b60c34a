"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { clientIp, safeReturnPath } from "@/lib/auth/request-info";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";

export async function signInAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const requestHeaders = await headers();
  const state = await runAction(() =>
    signIn(
      { email: form.get("email"), password: form.get("password") },
      { headers: requestHeaders, ip: clientIp(requestHeaders) },
    ),
  );
  if (state.status === "ok") redirect(safeReturnPath(form.get("next")));
  return withValues(state, form, ["email"]);
}

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect("/login");
}

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { baseUrl } from "@/lib/auth/auth";
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_SECONDS } from "@/lib/auth/known-device";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { clientIp, safeReturnPath } from "@/lib/auth/request-info";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";

export async function signInAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const requestHeaders = await headers();
  const state = await runAction(async () => {
    const { knownDevice } = await signIn(
      { email: form.get("email"), password: form.get("password") },
      { headers: requestHeaders, ip: clientIp(requestHeaders) },
    );
    (await cookies()).set(KNOWN_DEVICE_COOKIE, knownDevice, {
      httpOnly: true,
      sameSite: "lax",
      secure: baseUrl().startsWith("https://"),
      path: "/login",
      maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
    });
  });
  if (state.status === "ok") redirect(safeReturnPath(form.get("next")));
  return withValues(state, form, ["email"]);
}

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect("/login");
}

"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { disableUser } from "@/lib/users/disable-user";
import { enableUser } from "@/lib/users/enable-user";
import { unlockUser } from "@/lib/users/unlock-user";

export type CreatedUser = { email: string; password: string };

/** createUser generates the password; it is shown once here and changed by its owner at /settings/account. */
export async function createUserAction(
  _previous: ActionState<CreatedUser>,
  form: FormData,
): Promise<ActionState<CreatedUser>> {
  const state = await runAction(async () => {
    const user = await asActionUser((db, actor) =>
      createUser(db, actor, { name: form.get("name"), email: form.get("email"), role: form.get("role") }),
    );
    return { email: user.email, password: user.generatedPassword! };
  });
  if (state.status === "ok") revalidatePath("/settings/users");
  return withValues(state, form, ["name", "email", "role"]);
}

export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () =>
      asActionUser((db, actor) =>
        changeUserRole(db, actor, String(form.get("id") ?? ""), { role: form.get("role") }),
      ).then(() => undefined),
    "Role changed.",
  );
  revalidatePath("/settings/users");
  return state;
}

export async function disableUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () =>
      asActionUser((db, actor) => disableUser(db, actor, String(form.get("id") ?? ""))).then(() => undefined),
    "User disabled.",
  );
  revalidatePath("/settings/users");
  return state;
}

export async function enableUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () =>
      asActionUser((db, actor) => enableUser(db, actor, String(form.get("id") ?? ""))).then(() => undefined),
    "User enabled.",
  );
  revalidatePath("/settings/users");
  return state;
}

export async function unlockUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () =>
      asActionUser((db, actor) => unlockUser(db, actor, String(form.get("id") ?? ""))).then(() => undefined),
    "Sign-in failures cleared.",
  );
  revalidatePath("/settings/users");
  return state;
}

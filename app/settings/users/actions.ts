"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";

export type CreatedUser = { email: string; password: string };

/** The password is generated here and shown once; the person changes nothing before signing in. */
export async function createUserAction(_previous: ActionState<CreatedUser>, form: FormData): Promise<ActionState<CreatedUser>> {
  const password = randomBytes(15).toString("base64url");
  const state = await runAction(async () => {
    const user = await asActionUser((db, actor) => createUser(db, actor, { name: form.get("name"), email: form.get("email"), role: form.get("role"), password }));
    return { email: user.email, password };
  });
  if (state.status === "ok") revalidatePath("/settings/users");
  return withValues(state, form, ["name", "email", "role"]);
}

export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(() => asActionUser((db, actor) => changeUserRole(db, actor, String(form.get("id") ?? ""), { role: form.get("role") })).then(() => undefined), "Role changed.");
  revalidatePath("/settings/users");
  return state;
}

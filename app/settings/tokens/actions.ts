"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export type CreatedToken = { name: string; secret: string };

/** The form's expiry choice ("never", a number of days, or "date" with a date field) in the API's terms. */
function expiryFields(form: FormData) {
  const choice = String(form.get("expiry") ?? "never");
  if (choice === "never") return {};
  if (choice === "date") return { expiresAt: String(form.get("expiresAt") ?? "") };
  return { expiresInDays: Number(choice) };
}

export async function createTokenAction(
  _previous: ActionState<CreatedToken>,
  form: FormData,
): Promise<ActionState<CreatedToken>> {
  const state = await runAction(async () => {
    const { token, secret } = await asActionUser((db, actor) =>
      createApiToken(db, actor, { name: form.get("name"), role: form.get("role"), ...expiryFields(form) }),
    );
    return { name: token.name, secret };
  });
  if (state.status === "ok") revalidatePath("/settings/tokens");
  return withValues(state, form, ["name", "role", "expiry", "expiresAt"]);
}

export async function revokeTokenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () => asActionUser((db, actor) => revokeApiToken(db, actor, String(form.get("id") ?? ""))),
    "Token revoked.",
  );
  if (state.status === "ok") revalidatePath("/settings/tokens");
  return state;
}

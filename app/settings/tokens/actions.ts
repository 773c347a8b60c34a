"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { INTEGRATION_SCOPE } from "@/lib/tokens/schemas";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export type CreatedToken = { name: string; secret: string };

/** The form's expiry choice ("never", a number of days, or "date" with a date field) in the API's terms. */
function expiryFields(form: FormData) {
  const choice = String(form.get("expiry") ?? "never");
  if (choice === "never") return {};
  if (choice === "date") return { expiresAt: String(form.get("expiresAt") ?? "") };
  return { expiresInDays: Number(choice) };
}

/**
 * The form's access choice: the whole role (no scopes), the integration preset (alerts:write alone,
 * what a monitoring system's bearer or routing_key needs) or the ticked scopes.
 */
function scopeFields(form: FormData) {
  const access = String(form.get("access") ?? "all");
  if (access === "integration") return { scopes: [INTEGRATION_SCOPE] };
  if (access === "custom") return { scopes: form.getAll("scopes").map(String) };
  return {};
}

export async function createTokenAction(
  _previous: ActionState<CreatedToken>,
  form: FormData,
): Promise<ActionState<CreatedToken>> {
  const state = await runAction(async () => {
    const { token, secret } = await asActionUser((db, actor) =>
      createApiToken(db, actor, {
        name: form.get("name"),
        role: form.get("role"),
        ...scopeFields(form),
        ...expiryFields(form),
      }),
    );
    return { name: token.name, secret };
  });
  if (state.status === "ok") revalidatePath("/settings/tokens");
  const kept = withValues(state, form, ["name", "role", "access", "expiry", "expiresAt"]);
  if (kept.status !== "error") return kept;
  return { ...kept, values: { ...kept.values, scopes: form.getAll("scopes").map(String).join(",") } };
}

export async function revokeTokenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () => asActionUser((db, actor) => revokeApiToken(db, actor, String(form.get("id") ?? ""))),
    "Token revoked.",
  );
  if (state.status === "ok") revalidatePath("/settings/tokens");
  return state;
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { deletePolicy } from "@/lib/paging/delete-policy";
import { policyFromForm } from "@/lib/paging/policy-from-form";
import { createPolicy, updatePolicy } from "@/lib/paging/save-policy";

const KEYS = ["name", "description", "repeat", "ackTimeoutMinutes", "isDefault", "steps"];

export async function savePolicyAction(
  _previous: ActionState<{ id: string }>,
  form: FormData,
): Promise<ActionState<{ id: string }>> {
  const id = String(form.get("id") ?? "");
  const version = Number(form.get("version"));
  const state = await runAction(() =>
    asActionUser(async (db, actor) => {
      const input = policyFromForm(form);
      const saved = id
        ? await updatePolicy(db, actor, id, input, {
            expectedVersion: Number.isInteger(version) ? version : undefined,
          })
        : await createPolicy(db, actor, input);
      return { id: saved.id };
    }),
  );
  if (state.status !== "ok") return withValues(state, form, KEYS);
  revalidatePath("/paging/policies", "layout");
  redirect(`/paging/policies/${state.data.id}?saved=1`);
}

export async function deletePolicyAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(() =>
    asActionUser((db, actor) => deletePolicy(db, actor, String(form.get("id") ?? ""))),
  );
  if (state.status !== "ok") return state;
  revalidatePath("/paging/policies", "layout");
  redirect("/paging/policies?deleted=1");
}

"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createOverride } from "@/lib/oncall/create-override";
import { deleteOverride } from "@/lib/oncall/delete-override";
import { overrideFromForm, serviceFromForm } from "@/lib/oncall/service-from-form";
import { updateService } from "@/lib/oncall/update-service";
import { servicePagingFromForm } from "@/lib/paging/policy-from-form";
import { setServicePaging } from "@/lib/paging/service-paging";

export async function updateServiceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const { slug, input } = serviceFromForm(form);
  const state = await runAction(async () => {
    await asActionUser((db, actor) => updateService(db, actor, slug, input));
  }, "Rotation saved.");
  revalidatePath("/services");
  return withValues(state, form, ["ownerTeam", "handoffHours", "startsAt"]);
}

export async function addOverrideAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const { slug, input } = overrideFromForm(form);
  const state = await runAction(async () => {
    await asActionUser((db, actor) => createOverride(db, actor, slug, input));
  }, "Override added.");
  revalidatePath("/services");
  return withValues(state, form, ["userId", "startsAt", "endsAt"]);
}

export async function removeOverrideAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      deleteOverride(db, actor, String(form.get("slug") ?? ""), String(form.get("overrideId") ?? "")),
    );
  }, "Override removed.");
  revalidatePath("/services");
  return state;
}

export async function setServicePagingAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const { slug, input } = servicePagingFromForm(form);
  const state = await runAction(async () => {
    await asActionUser((db, actor) => setServicePaging(db, actor, slug, input));
  }, "Paging saved.");
  revalidatePath("/services");
  return withValues(state, form, ["policyId", "timeZone", "businessHoursStart", "businessHoursEnd"]);
}

"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { createActionItem } from "@/lib/action-items/create-action-item";
import { cookieTimeZone, TIME_ZONE_COOKIE } from "@/lib/action-items/time-zone";
import { updateActionItem } from "@/lib/action-items/update-action-item";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";

const text = (form: FormData, key: string) => {
  const value = String(form.get(key) ?? "").trim();
  return value === "" ? undefined : value;
};

function refreshed<T>(form: FormData, state: ActionState<T>, keep: string[] = []) {
  revalidatePath("/action-items");
  const incidentId = text(form, "incidentId");
  if (incidentId) {
    revalidatePath(`/incidents/${incidentId}`);
    revalidatePath(`/incidents/${incidentId}/postmortem`);
  }
  return withValues(state, form, keep);
}

export async function createActionItemAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const tz = cookieTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  const entry = text(form, "timelineEntryId");
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      createActionItem(
        db,
        actor,
        {
          incidentId: text(form, "incidentId") ?? "",
          title: String(form.get("title") ?? ""),
          ownerId: text(form, "ownerId"),
          dueDate: text(form, "dueDate"),
          priority: text(form, "priority"),
          ticketUrl: text(form, "ticketUrl"),
          ...(entry ? { timelineEntryId: Number(entry) } : {}),
        },
        { tz },
      ),
    );
  }, "Action item added.");
  return refreshed(form, state, ["title", "ownerId", "dueDate", "priority", "ticketUrl"]);
}

export async function updateActionItemStatusAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      updateActionItem(db, actor, String(form.get("id") ?? ""), { status: form.get("status") }),
    );
  }, "Saved.");
  return refreshed(form, state);
}

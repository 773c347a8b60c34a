"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createHookSubscriber } from "@/lib/status-pages/create-hook-subscriber";
import { deleteHookSubscriber } from "@/lib/status-pages/delete-hook-subscriber";

// The "Webhook and chat subscribers" section of a page's settings (decision 0124).
const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const refresh = (pageId: string) => revalidatePath(`/settings/status-pages/${pageId}`);

export type CreatedHook = { id: string; secret: string | null };

export async function createHookSubscriberAction(
  _previous: ActionState<CreatedHook>,
  form: FormData,
): Promise<ActionState<CreatedHook>> {
  const pageId = text(form, "pageId");
  const components = form.getAll("components").map(String);
  const state = await runAction(() =>
    asActionUser(async (db, actor) => {
      const created = await createHookSubscriber(db, actor, pageId, {
        type: text(form, "type"),
        url: text(form, "url"),
        components: text(form, "scope") === "some" ? components : null,
      });
      return { id: created.id, secret: created.secret };
    }),
  );
  if (state.status === "ok") refresh(pageId);
  return withValues(state, form, ["type", "url"]);
}

export async function deleteHookSubscriberAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const pageId = text(form, "pageId");
  const state = await runAction(
    () => asActionUser((db, actor) => deleteHookSubscriber(db, actor, pageId, text(form, "subscriberId"))),
    "Removed.",
  );
  if (state.status === "ok") refresh(pageId);
  return state;
}

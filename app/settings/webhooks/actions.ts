"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

export type CreatedWebhook = { id: string; url: string; secret: string };

const PAGE = "/settings/webhooks";
const fields = (form: FormData) => ({
  url: String(form.get("url") ?? ""),
  events: form.getAll("events").map(String),
  format: String(form.get("format") ?? "standard"),
  description: String(form.get("description") ?? ""),
});

export async function createWebhookAction(
  _previous: ActionState<CreatedWebhook>,
  form: FormData,
): Promise<ActionState<CreatedWebhook>> {
  const state = await runAction(async () => {
    const created = await asActionUser((db, actor) => createWebhook(db, actor, fields(form)));
    return { id: created.id, url: created.url, secret: created.secret };
  });
  if (state.status === "ok") revalidatePath(PAGE);
  return withValues(state, form, ["url", "format", "description"]);
}

export async function updateWebhookAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = String(form.get("id") ?? "");
  const state = await runAction(
    async () => void (await asActionUser((db, actor) => updateWebhook(db, actor, id, fields(form)))),
    "Saved.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return withValues(state, form, ["url", "format", "description"]);
}

export async function setWebhookEnabledAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const id = String(form.get("id") ?? "");
  const enabled = form.get("enabled") === "true";
  const state = await runAction(
    async () => void (await asActionUser((db, actor) => updateWebhook(db, actor, id, { enabled }))),
    enabled ? "Enabled." : "Disabled.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

export async function deleteWebhookAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    () => asActionUser((db, actor) => deleteWebhook(db, actor, String(form.get("id") ?? ""))),
    "Deleted.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

export async function sendTestWebhookAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    async () =>
      void (await asActionUser((db, actor) => sendTestWebhook(db, actor, String(form.get("id") ?? "")))),
    "Test queued; it appears in the delivery log in a few seconds.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createContactMethod } from "@/lib/paging/contacts/create-contact-method";
import { deleteContactMethod } from "@/lib/paging/contacts/delete-contact-method";
import { sendVerification } from "@/lib/paging/contacts/send-verification";
import { setNotificationRules } from "@/lib/paging/contacts/set-notification-rules";
import { verifyContactMethod } from "@/lib/paging/contacts/verify-contact-method";

export type CreatedContactMethod = { id: string; label: string; secret: string | null };

const PAGE = "/settings/paging";
const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function createContactMethodAction(
  _previous: ActionState<CreatedContactMethod>,
  form: FormData,
): Promise<ActionState<CreatedContactMethod>> {
  const state = await runAction(async () => {
    const created = await asActionUser((db, actor) =>
      createContactMethod(db, actor, {
        type: text(form, "type"),
        label: text(form, "label"),
        address: text(form, "address"),
      }),
    );
    return { id: created.id, label: created.label, secret: created.secret };
  });
  if (state.status === "ok") revalidatePath(PAGE);
  return withValues(state, form, ["type", "label", "address"]);
}

export async function deleteContactMethodAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runAction(
    () => asActionUser((db, actor) => deleteContactMethod(db, actor, text(form, "id"))),
    "Deleted.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

export async function sendVerificationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    async () => void (await asActionUser((db, actor) => sendVerification(db, actor, text(form, "id")))),
    "Code sent: it is valid for 10 minutes.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

export async function verifyContactMethodAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runAction(
    async () =>
      void (await asActionUser((db, actor) =>
        verifyContactMethod(db, actor, text(form, "id"), { code: text(form, "code") }),
      )),
    "Verified.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

/** The form posts parallel lists (`contactMethodId`, `delayMinutes`), one entry per rule row. */
export async function saveNotificationRulesAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const ids = form.getAll("contactMethodId").map(String);
  const delays = form.getAll("delayMinutes").map(String);
  const rules = ids.map((contactMethodId, i) => ({
    contactMethodId,
    delayMinutes: delays[i]?.trim() === "" ? Number.NaN : Number(delays[i]),
  }));
  const state = await runAction(
    async () =>
      void (await asActionUser((db, actor) =>
        setNotificationRules(db, actor, text(form, "urgency"), { rules }),
      )),
    "Saved.",
  );
  if (state.status === "ok") revalidatePath(PAGE);
  return state;
}

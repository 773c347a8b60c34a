"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction } from "@/lib/http/action-state";
import { changePage } from "@/lib/paging/change-page";

type Change = Parameters<typeof changePage>[3];

// The page, its incident or alert and the header's count all change: everything is re-rendered.
async function change(form: FormData, what: Change, message: string): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) => changePage(db, actor, String(form.get("pageId") ?? ""), what));
  }, message);
  revalidatePath("/", "layout");
  return state;
}

export async function acknowledgePageAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return change(form, "acknowledge", "Acknowledged: nobody else will be paged.");
}

export async function resolvePageAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return change(form, "resolve", "Page resolved.");
}

export async function escalatePageAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return change(form, "escalate", "Escalated to the next step.");
}

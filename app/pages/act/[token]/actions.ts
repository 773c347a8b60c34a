"use server";

import { type ActionState, runAction } from "@/lib/http/action-state";
import { actOnPageLinkRequest } from "@/lib/paging/act-on-link";
import type { PageView } from "@/lib/paging/page-view";

/** The person's confirmation of a link from a page notification; the link is the credential. */
export async function actOnPageLinkAction(
  _previous: ActionState<PageView>,
  form: FormData,
): Promise<ActionState<PageView>> {
  return runAction(() => actOnPageLinkRequest(String(form.get("token") ?? "")));
}

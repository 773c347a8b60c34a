"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import type { PageView } from "@/lib/paging/page-view";

const initial: ActionState<PageView> = { status: "idle" };

/** The one button of a notification link's confirmation page. */
export function ConfirmPageLink({
  token,
  action,
  act,
}: {
  token: string;
  action: "acknowledge" | "resolve";
  act: FormAction<PageView>;
}) {
  const [state, submit, pending] = useActionState(act, initial);
  if (state.status === "ok")
    return (
      <p role="status" className="text-sm font-medium text-emerald-700 dark:text-emerald-300">
        {action === "acknowledge" ? "Acknowledged" : "Resolved"}: {state.data.title}. You can close this tab.
      </p>
    );
  return (
    <form action={submit}>
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {action === "acknowledge" ? "Acknowledge" : "Resolve"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

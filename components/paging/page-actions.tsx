"use client";

import { useActionState } from "react";
import { buttonClass, secondaryButtonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

export type PageActionSet = { acknowledge: FormAction; resolve: FormAction; escalate: FormAction };
type Props = {
  pageId: string;
  state: "triggered" | "acknowledged" | "resolved";
  actions: PageActionSet;
  /** Named in the buttons' accessible names where several pages share a screen (the list). */
  title?: string;
  compact?: boolean;
};

const small = "px-2 py-1 text-xs";

function ChangeButton({
  pageId,
  action: change,
  label,
  title,
  primary,
  compact,
}: {
  pageId: string;
  action: FormAction;
  label: string;
  title?: string;
  primary?: boolean;
  compact?: boolean;
}) {
  const [state, action, pending] = useActionState(change, idleState);
  return (
    <form action={action}>
      <input type="hidden" name="pageId" value={pageId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={title ? `${label}: ${title}` : undefined}
        className={`${primary ? buttonClass : secondaryButtonClass} ${compact ? small : ""}`}
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

/** Acknowledge (stops the escalation), Escalate (next step now) and Resolve, as the page's state allows. */
export function PageActions({ pageId, state, actions, title, compact }: Props) {
  if (state === "resolved") return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {state === "triggered" && (
        <ChangeButton
          pageId={pageId}
          action={actions.acknowledge}
          label="Acknowledge"
          title={title}
          primary
          compact={compact}
        />
      )}
      <ChangeButton
        pageId={pageId}
        action={actions.escalate}
        label="Escalate"
        title={title}
        compact={compact}
      />
      <ChangeButton
        pageId={pageId}
        action={actions.resolve}
        label="Resolve"
        title={title}
        compact={compact}
      />
    </div>
  );
}

"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

export function CreatePostmortemButton({ incidentId, create }: { incidentId: string; create: FormAction }) {
  const [state, action, pending] = useActionState(create, idleState);
  return (
    <form action={action}>
      <input type="hidden" name="incidentId" value={incidentId} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Creating…" : "Create postmortem"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

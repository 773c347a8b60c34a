"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import { secondaryButtonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** Offers the linked alerts' first breach as the impact start; one click accepts it. */
export function ImpactStartOffer({
  incidentId,
  version,
  firstBreach,
  current,
  accept,
}: {
  incidentId: string;
  version: number;
  firstBreach: string;
  current: string;
  accept: FormAction;
}) {
  const [state, action, pending] = useActionState(accept, idleState);
  return (
    <form action={action} className="space-y-2 text-sm" aria-label="Measured impact start">
      <IncidentFields incidentId={incidentId} version={version} />
      <p>
        The linked alerts first breached at <strong className="tabular-nums">{utc(firstBreach)}</strong>,
        earlier than the impact start on record ({utc(current)}).
      </p>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        Use the first breach as impact start
      </button>
      <FormMessage state={state} />
    </form>
  );
}

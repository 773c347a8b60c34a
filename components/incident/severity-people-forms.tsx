"use client";

import { useActionState } from "react";
import { respondersOf } from "@/lib/users/responders";
import type { UserOption } from "@/lib/catalog/list-catalog";
import type { FormAction } from "@/lib/http/action-state";
import { SEVERITIES, SEVERITY_TABLE, type Severity } from "@/lib/incidents/severity";
import { buttonClass, compactControlClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";
import { ConflictNotice, useEditGuard } from "./use-edit-guard";

type Base = { incidentId: string; version: number; update: FormAction };

export function SeverityForm({ incidentId, version, update, severity }: Base & { severity: Severity }) {
  const [state, action, pending] = useActionState(update, idleState);
  const guard = useEditGuard(version, severity);
  return (
    <form action={action} {...guard.formProps}>
      <IncidentFields incidentId={incidentId} version={guard.version} />
      <label htmlFor="severity" className="sr-only">
        Set severity
      </label>
      <ConflictNotice show={guard.conflict} what="severity" />
      <div className="flex gap-2">
        {/* Remounted when the severity changes (unless the reader is choosing), so a live page shows the current value. */}
        <select
          id="severity"
          name="severity"
          key={guard.key}
          defaultValue={severity}
          className={compactControlClass}
        >
          {SEVERITIES.map((level) => (
            <option key={level} value={level}>
              {level} · {SEVERITY_TABLE[level].name} ({SEVERITY_TABLE[level].responseTargetLabel})
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending} className={buttonClass}>
          Change
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

const ROLES = [
  { field: "commanderId", label: "Incident commander" },
  { field: "technicalLeadId", label: "Technical lead" },
  { field: "communicatorId", label: "Communicator" },
] as const;

export function PeopleForm({
  incidentId,
  version,
  update,
  people,
  users,
}: Base & { people: Record<(typeof ROLES)[number]["field"], string | null>; users: UserOption[] }) {
  const [state, action, pending] = useActionState(update, idleState);
  const guard = useEditGuard(version, people);
  return (
    <form action={action} className="space-y-2" {...guard.formProps}>
      <IncidentFields incidentId={incidentId} version={guard.version} />
      <ConflictNotice show={guard.conflict} what="roles" />
      {ROLES.map(({ field, label }) => (
        <div key={field}>
          <label htmlFor={field} className="block text-xs font-medium uppercase tracking-wide text-slate-500">
            {label}
          </label>
          <select
            id={field}
            name={field}
            key={`${field}-${guard.key}`}
            defaultValue={people[field] ?? ""}
            className={`mt-1 ${compactControlClass}`}
          >
            <option value="">Unassigned</option>
            {respondersOf(users, people[field]).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" disabled={pending} className={buttonClass}>
        Save roles
      </button>
      <FormMessage state={state} />
    </form>
  );
}

"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import type { LinkCard } from "@/lib/incidents/link-cards";
import type { LinkView } from "@/lib/incidents/views";
import { buttonClass, compactControlClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";
import { LinkCardBody, MarkRelease } from "./link-card";

const TYPES = [
  { type: "alert", label: "Alerts" },
  { type: "error_group", label: "Error groups" },
  { type: "trace", label: "Traces" },
  { type: "release", label: "Releases" },
] as const;

type CardProps = { card?: LinkCard; markLink?: FormAction };

function RemoveLink({
  incidentId,
  link,
  canEdit,
  removeLink,
  card,
  markLink,
}: { incidentId: string; link: LinkView; canEdit: boolean; removeLink: FormAction } & CardProps) {
  const [state, action, pending] = useActionState(removeLink, idleState);
  return (
    <li className="flex items-start justify-between gap-2 py-1.5">
      {card ? (
        <div className="min-w-0 flex-1" title={`linked by ${link.createdBy}`}>
          <LinkCardBody card={card} />
          {canEdit && markLink && card.type === "release" && (
            <MarkRelease incidentId={incidentId} card={card} markLink={markLink} />
          )}
        </div>
      ) : (
        <span className="min-w-0 truncate font-mono text-xs" title={`linked by ${link.createdBy}`}>
          {link.targetId}
        </span>
      )}
      {canEdit && (
        <form action={action}>
          <IncidentFields incidentId={incidentId} />
          <input type="hidden" name="type" value={link.type} />
          <input type="hidden" name="targetId" value={link.targetId} />
          <button
            type="submit"
            disabled={pending}
            aria-label={`Unlink ${link.type.replace("_", " ")} ${link.targetId}`}
            className="rounded px-1.5 text-xs text-slate-500 hover:bg-red-50 hover:text-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 dark:hover:bg-red-950"
          >
            Remove
          </button>
          <FormMessage state={state} />
        </form>
      )}
    </li>
  );
}

/** Alerts, error groups, traces and releases tied to the incident; add by type + ID, remove one by one. */
export function LinksPanel({
  incidentId,
  links,
  canEdit,
  addLink,
  removeLink,
  cards,
  markLink,
}: {
  incidentId: string;
  links: LinkView[];
  canEdit: boolean;
  addLink: FormAction;
  removeLink: FormAction;
  cards?: LinkCard[];
  markLink?: FormAction;
}) {
  const [state, action, pending] = useActionState(addLink, idleState);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <div className="space-y-3">
      {TYPES.map(({ type, label }) => {
        const items = links.filter((l) => l.type === type);
        return (
          <div key={type}>
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">
              {label} <span className="text-slate-500">({items.length})</span>
            </h3>
            {items.length === 0 ? (
              <p className="text-xs text-slate-500">None linked.</p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {items.map((link) => (
                  <RemoveLink
                    key={link.id}
                    incidentId={incidentId}
                    link={link}
                    canEdit={canEdit}
                    removeLink={removeLink}
                    markLink={markLink}
                    card={cards?.find((c) => c.link.id === link.id)}
                  />
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {canEdit && (
        <form action={action} className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
          <IncidentFields incidentId={incidentId} />
          <div className="flex gap-2">
            <label htmlFor="link-type" className="sr-only">
              Link type
            </label>
            <select
              id="link-type"
              name="type"
              defaultValue={values?.type ?? "alert"}
              className={compactControlClass.replace("w-full", "w-auto")}
            >
              {TYPES.map(({ type, label }) => (
                <option key={type} value={type}>
                  {label.replace(/s$/, "")}
                </option>
              ))}
            </select>
            <label htmlFor="link-target" className="sr-only">
              ID to link
            </label>
            <input
              id="link-target"
              name="targetId"
              required
              placeholder="e.g. alert_event_xyz789"
              defaultValue={values?.targetId}
              className={compactControlClass}
            />
          </div>
          <button type="submit" disabled={pending} className={buttonClass}>
            Link
          </button>
          <FormMessage state={state} />
        </form>
      )}
    </div>
  );
}

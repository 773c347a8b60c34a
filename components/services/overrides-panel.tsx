"use client";

import { useActionState } from "react";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { buttonClass, compactControlClass, Label } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { Person } from "./rotation-form";

export type OverrideRow = { id: number; userName: string; from: string; to: string; createdBy: string };
type Props = {
  slug: string;
  overrides: OverrideRow[];
  people: Person[];
  canEdit: boolean;
  addOverride: FormAction;
  removeOverride: FormAction;
};

function RemoveOverride({
  slug,
  override,
  removeOverride,
}: {
  slug: string;
  override: OverrideRow;
  removeOverride: FormAction;
}) {
  const [state, action, pending] = useActionState(removeOverride, idleState);
  return (
    <form action={action}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="overrideId" value={override.id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Remove the override of ${override.userName} from ${override.from}`}
        className="rounded px-1.5 text-xs text-slate-500 hover:bg-red-50 hover:text-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 dark:hover:bg-red-950"
      >
        Remove
      </button>
      <FormMessage state={state} />
    </form>
  );
}

const WORDS: Record<string, string> = { userId: "Covered by", startsAt: "From", endsAt: "Until" };
/** The form's own words for the use case's field paths, so the message names what the user sees. */
const inFormWords = (state: ActionState): ActionState =>
  state.status === "error"
    ? {
        ...state,
        fieldErrors: Object.fromEntries(
          Object.entries(state.fieldErrors).map(([path, message]) => [WORDS[path] ?? path, message]),
        ),
      }
    : state;

/** Current and upcoming overrides, each removable, and a form to add one. */
export function OverridesPanel({ slug, overrides, people, canEdit, addOverride, removeOverride }: Props) {
  const [state, action, pending] = useActionState(addOverride, idleState);
  const values = state.status === "error" ? state.values : undefined;
  const id = (field: string) => `${slug}-override-${field}`;
  return (
    <div className="space-y-3">
      {overrides.length === 0 ? (
        <p className="text-xs text-slate-500">No current or upcoming overrides.</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
          aria-label={`Overrides of ${slug}`}
        >
          {overrides.map((o) => (
            <li key={o.id} className="flex items-center justify-between gap-2 py-1">
              <span>
                <span className="font-medium">{o.userName}</span>{" "}
                <span className="text-xs text-slate-500">
                  {o.from} → {o.to} · by {o.createdBy}
                </span>
              </span>
              {canEdit && <RemoveOverride slug={slug} override={o} removeOverride={removeOverride} />}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details
          className="border-t border-slate-100 pt-2 dark:border-slate-800"
          open={state.status === "error"}
        >
          <summary className="cursor-pointer text-sm font-medium">Add an override</summary>
          <form
            action={action}
            className="mt-2 grid gap-2 sm:grid-cols-4 sm:items-end"
            aria-label={`Add an override to ${slug}`}
          >
            <input type="hidden" name="slug" value={slug} />
            <div>
              <Label htmlFor={id("user")}>Covered by</Label>
              <select
                id={id("user")}
                name="userId"
                required
                defaultValue={values?.userId ?? ""}
                className={compactControlClass}
              >
                <option value="">Choose a person…</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <Label htmlFor={id("start")}>From (UTC)</Label>
              <input
                id={id("start")}
                name="startsAt"
                type="datetime-local"
                required
                defaultValue={values?.startsAt}
                className={compactControlClass}
              />
            </div>
            <div>
              <Label htmlFor={id("end")}>Until (UTC)</Label>
              <input
                id={id("end")}
                name="endsAt"
                type="datetime-local"
                required
                defaultValue={values?.endsAt}
                className={compactControlClass}
              />
            </div>
            <button type="submit" disabled={pending} className={buttonClass}>
              Add override
            </button>
            <div className="sm:col-span-4">
              <FormMessage state={inFormWords(state)} />
            </div>
          </form>
        </details>
      )}
    </div>
  );
}

"use client";

import { useActionState, useState } from "react";
import { buttonClass, compactControlClass, FieldError, secondaryButtonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";

type Rule = { key: number; contactMethodId: string; delayMinutes: string };
export type RuleMethod = { id: string; label: string; type: string };

const initial: ActionState = { status: "idle" };

/**
 * The whole list of one urgency's rules, saved at once: each row is a verified method and the
 * minutes after the page before it is used. An empty list returns to the default.
 */
export function NotificationRulesForm({
  urgency,
  methods,
  rules,
  save,
}: {
  urgency: "high" | "low";
  methods: RuleMethod[];
  rules: { contactMethodId: string; delayMinutes: number }[];
  save: FormAction;
}) {
  const [state, action, pending] = useActionState(save, initial);
  const [rows, setRows] = useState<Rule[]>(() =>
    rules.map((r, i) => ({
      key: i,
      contactMethodId: r.contactMethodId,
      delayMinutes: String(r.delayMinutes),
    })),
  );
  const [nextKey, setNextKey] = useState(rules.length);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const rowError = (i: number) =>
    errors[`rules.${i}.contactMethodId`] ?? errors[`rules.${i}.delayMinutes`] ?? errors[`rules.${i}`];
  const anyRowError = rows.some((_, i) => rowError(i));
  const update = (key: number, change: Partial<Rule>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="urgency" value={urgency} />
      {rows.length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">No rules: every verified method at once.</p>
      )}
      <ol className="space-y-2">
        {rows.map((row, i) => (
          <li key={row.key}>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <label className="sr-only" htmlFor={`${urgency}-method-${row.key}`}>
                Rule {i + 1}: contact method
              </label>
              <select
                id={`${urgency}-method-${row.key}`}
                name="contactMethodId"
                value={row.contactMethodId}
                onChange={(event) => update(row.key, { contactMethodId: event.target.value })}
                className={`${compactControlClass} w-auto`}
                aria-invalid={rowError(i) ? true : undefined}
              >
                {methods.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label} ({m.type})
                  </option>
                ))}
              </select>
              <span>after</span>
              <label className="sr-only" htmlFor={`${urgency}-delay-${row.key}`}>
                Rule {i + 1}: minutes after the page
              </label>
              <input
                id={`${urgency}-delay-${row.key}`}
                name="delayMinutes"
                type="number"
                min={0}
                max={1440}
                value={row.delayMinutes}
                onChange={(event) => update(row.key, { delayMinutes: event.target.value })}
                className={`${compactControlClass} w-20`}
                aria-invalid={rowError(i) ? true : undefined}
              />
              <span>min</span>
              <button
                type="button"
                className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
                onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                aria-label={`Remove rule ${i + 1}`}
              >
                Remove
              </button>
            </div>
            <FieldError id={`${urgency}-rule-${row.key}`} message={rowError(i)} />
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2 pt-1">
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={methods.length === 0}
          onClick={() => {
            setRows((current) => [
              ...current,
              { key: nextKey, contactMethodId: methods[0]?.id ?? "", delayMinutes: "0" },
            ]);
            setNextKey((k) => k + 1);
          }}
        >
          Add rule
        </button>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : "Save rules"}
        </button>
      </div>
      {!anyRowError && <FormMessage state={state} />}
    </form>
  );
}

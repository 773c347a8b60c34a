"use client";

import { useActionState, useState } from "react";
import {
  buttonClass,
  controlClass,
  describedBy,
  FieldError,
  FieldHint,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";

export type CreatedContactMethod = { id: string; label: string; secret: string | null };
export type TypeOption = { value: string; label: string };

const initial: ActionState<CreatedContactMethod> = { status: "idle" };

const ADDRESS_HINT: Record<string, string> = {
  email: "An e-mail address.",
  webhook: "An https:// URL. Deliveries are signed (Standard Webhooks); the secret is shown once.",
};

/** Adds a contact method; it is not used until verified. The generic webhook's secret is shown once. */
export function AddContactMethodForm({
  create,
  types,
}: {
  create: FormAction<CreatedContactMethod>;
  types: TypeOption[];
}) {
  const [state, action, pending] = useActionState(create, initial);
  const values = state.status === "error" ? state.values : undefined;
  const [type, setType] = useState(values?.type || "email");
  const [copied, setCopied] = useState(false);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const shown = ["type", "label", "address"].some((k) => errors[k]);
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-3 sm:grid-cols-[10rem_1fr]" noValidate>
        <div>
          <Label htmlFor="cm-type">Type</Label>
          <select
            id="cm-type"
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value)}
            className={controlClass}
            aria-invalid={errors.type ? true : undefined}
          >
            {types.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          <FieldError id="cm-type" message={errors.type} />
        </div>
        <div>
          <Label htmlFor="cm-label">Label</Label>
          <input
            id="cm-label"
            name="label"
            defaultValue={values?.label}
            placeholder="Work mail, #oncall channel…"
            className={controlClass}
            aria-invalid={errors.label ? true : undefined}
            aria-describedby={describedBy("cm-label", { error: errors.label })}
          />
          <FieldError id="cm-label" message={errors.label} />
        </div>
        <div className="sm:col-span-2">
          <Label htmlFor="cm-address">{type === "email" ? "E-mail address" : "Incoming webhook URL"}</Label>
          <input
            id="cm-address"
            name="address"
            type={type === "email" ? "email" : "url"}
            defaultValue={values?.address}
            className={controlClass}
            aria-invalid={errors.address ? true : undefined}
            aria-describedby={describedBy("cm-address", { hint: true, error: errors.address })}
          />
          <FieldHint id="cm-address">
            {ADDRESS_HINT[type] ?? "The channel's incoming-webhook https:// URL."} A code is sent to verify
            it.
          </FieldHint>
          <FieldError id="cm-address" message={errors.address} />
        </div>
        <div className="sm:col-span-2">
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? "Adding…" : "Add contact method"}
          </button>
          {state.status === "error" && !shown && <FormMessage state={state as ActionState} />}
        </div>
      </form>
      {state.status === "ok" && (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          <p>Added “{state.data.label}”. Send it a code below to verify it.</p>
          {state.data.secret && (
            <>
              <p className="mt-2 font-medium">Copy its signing secret now: it will not be shown again.</p>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <code
                  data-testid="contact-method-secret"
                  className="block min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900"
                >
                  {state.data.secret}
                </code>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={async () => {
                    await navigator.clipboard?.writeText(state.data.secret ?? "").catch(() => {});
                    setCopied(true);
                  }}
                >
                  {copied ? "Copied" : "Copy secret"}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}

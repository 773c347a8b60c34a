"use client";

import { useActionState } from "react";
import { compactControlClass, FieldError, secondaryButtonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";

const initial: ActionState = { status: "idle" };

/** Sends a fresh code (at most once a minute). */
export function SendCodeButton({ id, label, send }: { id: string; label: string; send: FormAction }) {
  const [state, action, pending] = useActionState(send, initial);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className={secondaryButtonClass}
        aria-label={`Send a code to ${label}`}
      >
        {pending ? "Sending…" : "Send code"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

/** The 6-digit code the method received; a wrong one says how many tries are left. */
export function VerifyCodeForm({ id, label, verify }: { id: string; label: string; verify: FormAction }) {
  const [state, action, pending] = useActionState(verify, initial);
  const error = state.status === "error" ? (state.fieldErrors.code ?? state.message) : undefined;
  const inputId = `code-${id}`;
  return (
    <form action={action} className="flex flex-wrap items-start gap-2" noValidate>
      <input type="hidden" name="id" value={id} />
      <div>
        <label htmlFor={inputId} className="sr-only">
          Code for {label}
        </label>
        <input
          id={inputId}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder="6-digit code"
          className={`${compactControlClass} w-32`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
        />
        <FieldError id={inputId} message={error} />
      </div>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Checking…" : "Verify"}
      </button>
    </form>
  );
}

export function DeleteMethodButton({ id, label, remove }: { id: string; label: string; remove: FormAction }) {
  const [state, action, pending] = useActionState(remove, initial);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Delete “${label}”? Its notification rules go with it.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Delete ${label}`}
        className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950"
      >
        {pending ? "Deleting…" : "Delete"}
      </button>
      {state.status === "error" && (
        <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-300">
          {state.message}
        </span>
      )}
    </form>
  );
}

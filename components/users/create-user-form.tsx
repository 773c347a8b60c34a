"use client";

import { useActionState } from "react";
import { buttonClass, compactControlClass } from "@/components/form/field";
import type { ActionState, FormAction } from "@/lib/http/action-state";

/** What the create action hands back: the first password, shown once. */
export type CreatedUser = { email: string; password: string };

const initial: ActionState<CreatedUser> = { status: "idle" };

export function CreateUserForm({ createUser }: { createUser: FormAction<CreatedUser> }) {
  const [state, action, pending] = useActionState(createUser, initial);
  const error = state.status === "error" ? state : null;
  const fieldError = (name: string) => error?.fieldErrors[name];
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-end" noValidate>
        {(["name", "email"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`user-${name}`} className="block text-sm font-medium capitalize">
              {name}
            </label>
            <input
              id={`user-${name}`}
              name={name}
              type={name === "email" ? "email" : "text"}
              required
              defaultValue={error?.values?.[name]}
              aria-invalid={!!fieldError(name)}
              aria-describedby={fieldError(name) ? `user-${name}-error` : undefined}
              className={`mt-1 ${compactControlClass}`}
            />
            {fieldError(name) && (
              <p id={`user-${name}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
                {fieldError(name)}
              </p>
            )}
          </div>
        ))}
        <div>
          <label htmlFor="user-role" className="block text-sm font-medium">
            Role
          </label>
          <select
            id="user-role"
            name="role"
            defaultValue={error?.values?.role ?? "responder"}
            className={`mt-1 ${compactControlClass}`}
          >
            <option value="viewer">viewer</option>
            <option value="responder">responder</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Adding…" : "Add user"}
        </button>
      </form>
      {error && !fieldError("name") && !fieldError("email") && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error.message}
        </p>
      )}
      {state.status === "ok" && (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          {state.data.email} can sign in with this password (shown once; pass it on privately):
          <code
            data-testid="new-user-password"
            className="ml-2 rounded bg-white px-2 py-0.5 font-mono dark:bg-slate-900"
          >
            {state.data.password}
          </code>
        </div>
      )}
    </div>
  );
}

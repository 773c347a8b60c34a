"use client";

import { useActionState } from "react";
import { buttonClass, controlClass, describedBy, FieldError, Label } from "@/components/form/field";
import type { ActionState, FormAction } from "@/lib/http/action-state";

const initial: ActionState = { status: "idle" };

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Repeat new password", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm({ changePassword }: { changePassword: FormAction }) {
  const [state, action, pending] = useActionState(changePassword, initial);
  const error = state.status === "error" ? state : null;
  const hasFieldError = FIELDS.some((f) => error?.fieldErrors[f.name]);
  return (
    <form action={action} className="space-y-4" noValidate>
      {error && !hasFieldError && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error.message}
        </p>
      )}
      {FIELDS.map((field) => {
        const id = `account-${field.name}`;
        const message = error?.fieldErrors[field.name];
        return (
          <div key={field.name}>
            <Label htmlFor={id}>{field.label}</Label>
            <input
              id={id}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              required
              aria-invalid={!!message}
              aria-describedby={describedBy(id, { error: message })}
              className={controlClass}
            />
            <FieldError id={id} message={message} />
          </div>
        );
      })}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { controlClass } from "@/components/form/field";
import type { ActionState, FormAction } from "@/lib/http/action-state";

const initial: ActionState = { status: "idle" };

export function SignInForm({ next, signIn }: { next: string; signIn: FormAction }) {
  const [state, action, pending] = useActionState(signIn, initial);
  const error = state.status === "error" ? state : null;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error.message}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={error?.values?.email}
          aria-invalid={!!error?.fieldErrors.email}
          aria-describedby={error?.fieldErrors.email ? "email-error" : undefined}
          className={`mt-1 ${controlClass}`}
        />
        {error?.fieldErrors.email && (
          <p id="email-error" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {error.fieldErrors.email}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!error?.fieldErrors.password}
          className={`mt-1 ${controlClass}`}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

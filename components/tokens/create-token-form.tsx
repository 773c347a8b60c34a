"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { controlClass } from "@/components/form/field";
import type { ActionState, FormAction } from "@/lib/http/action-state";

/** What the create action hands back: the secret, shown once. */
export type CreatedToken = { name: string; secret: string };

/** A scope the form offers, with the roles that can use it and what it allows. */
export type ScopeOption = { scope: string; roles: readonly string[]; allows: string };

const initial: ActionState<CreatedToken> = { status: "idle" };
const field = `mt-1 ${controlClass}`;

type Props = { createToken: FormAction<CreatedToken>; scopeOptions: readonly ScopeOption[] };

export function CreateTokenForm({ createToken, scopeOptions }: Props) {
  const [state, action, pending] = useActionState(createToken, initial);
  const error = state.status === "error" ? state : null;
  const [expiry, setExpiry] = useState(error?.values?.expiry ?? "90");
  const [role, setRole] = useState(error?.values?.role ?? "responder");
  const [access, setAccess] = useState(error?.values?.access ?? "all");
  // The fields are uncontrolled (React resets the form after each action, to their defaults); these
  // mirrors of role, access and expiry only decide what else to show, so they follow the DOM.
  const sync = (form: HTMLFormElement) => {
    const data = new FormData(form);
    setRole(String(data.get("role") ?? "responder"));
    setAccess(String(data.get("access") ?? "all"));
    setExpiry(String(data.get("expiry") ?? "90"));
  };
  const ticked = new Set(error?.values?.scopes?.split(",") ?? []);
  const scopeError = error
    ? (error.fieldErrors.scopes ??
      Object.entries(error.fieldErrors).find(([path]) => path.startsWith("scopes."))?.[1])
    : undefined;
  const message = error
    ? (error.fieldErrors.name ??
      error.fieldErrors.expiresAt ??
      error.fieldErrors.expiresInDays ??
      scopeError ??
      error.message)
    : null;
  // A new form (after a refusal, with the values sent; after success, blank) shows its own defaults.
  const formKey = error ? JSON.stringify(error.values) : "new";
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (formRef.current) sync(formRef.current);
  }, [formKey]);
  return (
    <div className="space-y-4">
      <form
        ref={formRef}
        key={formKey}
        onChange={(e) => sync(e.currentTarget)}
        // The reset event comes before the fields are reset: read them once it is done.
        onReset={(e) => {
          const form = e.currentTarget;
          setTimeout(() => sync(form));
        }}
        action={action}
        className="grid gap-4 sm:grid-cols-[1fr_14rem_10rem_auto] sm:items-end"
        noValidate
      >
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="token-name"
            name="name"
            required
            placeholder="pagerduty-sync"
            className={field}
            defaultValue={error?.values?.name}
            aria-invalid={!!error?.fieldErrors.name}
            aria-describedby={error?.fieldErrors.name ? "token-name-error" : undefined}
          />
        </div>
        <div>
          <label htmlFor="token-role" className="block text-sm font-medium">
            Role
          </label>
          <select
            id="token-role"
            name="role"
            defaultValue={error?.values?.role ?? "responder"}
            className={field}
          >
            <option value="viewer">viewer (read only)</option>
            <option value="responder">responder (declare, update)</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div>
          <label htmlFor="token-expiry" className="block text-sm font-medium">
            Expires
          </label>
          <select
            id="token-expiry"
            name="expiry"
            defaultValue={error?.values?.expiry ?? "90"}
            className={field}
          >
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="never">never</option>
            <option value="date">on a date…</option>
          </select>
          {expiry === "date" && (
            <>
              <label htmlFor="token-expires-at" className="sr-only">
                Expiry date (UTC)
              </label>
              <input
                id="token-expires-at"
                name="expiresAt"
                type="date"
                required
                defaultValue={error?.values?.expiresAt}
                className={field}
                aria-invalid={!!error?.fieldErrors.expiresAt}
                aria-describedby={error?.fieldErrors.expiresAt ? "token-name-error" : undefined}
              />
            </>
          )}
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
        >
          {pending ? "Creating…" : "Create token"}
        </button>
        <fieldset className="sm:col-span-4" aria-describedby={scopeError ? "token-name-error" : undefined}>
          <legend className="text-sm font-medium">Access</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {[
              ["all", "No scope limit"],
              ["integration", "Integration (alerts:write only)"],
              ["custom", "Chosen scopes…"],
            ].map(([value, label]) => (
              <label key={value} className="inline-flex items-center gap-2">
                <input
                  type="radio"
                  name="access"
                  value={value}
                  defaultChecked={(error?.values?.access ?? "all") === value}
                />
                {label}
              </label>
            ))}
          </div>
          {access === "integration" && (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              For an Alertmanager bearer or a PagerDuty routing_key: it can send alerts and nothing else.
            </p>
          )}
          {access === "custom" && (
            <div className="mt-2 grid gap-1 text-sm sm:grid-cols-3">
              {scopeOptions.map((option) => {
                const usable = option.roles.includes(role);
                return (
                  <label
                    key={option.scope}
                    className={`inline-flex items-start gap-2 ${usable ? "" : "text-slate-400"}`}
                    title={usable ? option.allows : `Not for a ${role} token: ${option.allows}`}
                  >
                    <input
                      type="checkbox"
                      name="scopes"
                      value={option.scope}
                      defaultChecked={ticked.has(option.scope)}
                      disabled={!usable}
                      className="mt-1"
                    />
                    <span>
                      <code className="text-xs">{option.scope}</code>
                      <span className="sr-only"> ({option.allows})</span>
                    </span>
                  </label>
                );
              })}
            </div>
          )}
        </fieldset>
      </form>
      {message && (
        <p role="alert" id="token-name-error" className="text-sm text-red-700 dark:text-red-300">
          {message}
        </p>
      )}
      {state.status === "ok" && (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          <p className="font-medium">
            Token “{state.data.name}” created. Copy it now: it will not be shown again.
          </p>
          <code
            data-testid="token-secret"
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900"
          >
            {state.data.secret}
          </code>
          <p className="mt-2 text-slate-600 dark:text-slate-400">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
      )}
    </div>
  );
}

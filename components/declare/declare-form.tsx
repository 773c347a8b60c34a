"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, type KeyboardEvent } from "react";
import { respondersOf } from "@/lib/users/responders";
import type { Catalog } from "@/lib/catalog/list-catalog";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { ErrorSummary, type SummaryFields } from "@/components/form/error-summary";
import { controlClass, describedBy, FieldError, FieldHint, Label } from "@/components/form/field";
import { fieldOf } from "@/components/form/form-message";
import { MarkdownField } from "@/components/form/markdown-field";
import { ServicePicker } from "./service-picker";
import { SeverityPicker } from "./severity-picker";

const initial: ActionState<string> = { status: "idle" };

const SUMMARY_FIELDS: SummaryFields = {
  title: { label: "Title", target: "title" },
  severity: { label: "Severity", target: "severity" },
  services: { label: "Affected services", target: "services" },
  environment: { label: "Environment", target: "environment" },
  description: { label: "Description", target: "description" },
  commanderId: { label: "Commander", target: "commander" },
  impactStartedAt: { label: "Impact started", target: "impact-started-at" },
};

type Props = {
  catalog: Catalog;
  currentUserId: string | null;
  declare: FormAction<string>;
  /** Values to start from (Declare from an alert); a refused submit shows what was sent instead. */
  prefill?: Record<string, string>;
  /** The alert this incident is declared from; it is linked in the same transaction. */
  alertId?: string;
  /** The error group this incident is declared from; it is linked when the incident is declared. */
  errorGroup?: { id: string; title: string };
};

function submittedServices(values?: Record<string, string>): string[] {
  try {
    const parsed: unknown = JSON.parse(values?.services ?? "[]");
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function DeclareForm({ catalog, currentUserId, declare, prefill, alertId, errorGroup }: Props) {
  const [state, action, pending] = useActionState(declare, initial);
  const error = state.status === "error" ? state : null;
  const values = error?.values ?? prefill;
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  // "services.N" means the N-th submitted slug; name it, since the list on screen may differ by now.
  const submitted = submittedServices(values);
  const fieldErrors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error?.fieldErrors ?? {})) {
    const index = /^services\.(\d+)$/.exec(path)?.[1];
    fieldErrors[path] =
      index !== undefined && submitted[Number(index)] !== undefined
        ? `“${submitted[Number(index)]}”: ${message}`
        : message;
  }
  const serviceErrors = Object.entries(fieldErrors)
    .filter(([path]) => fieldOf(path) === "services")
    .map(([, message]) => message);

  // Take keyboard and screen-reader users to what went wrong, every time a submit is refused.
  useEffect(() => {
    if (state.status === "error") summaryRef.current?.focus();
  }, [state]);

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!pending) formRef.current?.requestSubmit();
    }
  }

  const environments = catalog.environments;
  const defaultEnvironment = environments.some((e) => e.slug === "production") ? "production" : "";
  const environment = values?.environment ?? prefill?.environment ?? defaultEnvironment;
  const commanders = [
    ...catalog.users.filter((u) => u.id === currentUserId),
    ...respondersOf(catalog.users).filter((u) => u.id !== currentUserId),
  ];
  const commander = values?.commanderId ?? "";

  return (
    <form ref={formRef} action={action} onKeyDown={onKeyDown} noValidate className="space-y-4">
      {alertId && <input type="hidden" name="alertId" value={alertId} />}
      {error && (
        <ErrorSummary
          ref={summaryRef}
          title="The incident was not declared"
          fields={SUMMARY_FIELDS}
          message={error.message}
          code={error.code}
          fieldErrors={fieldErrors}
        />
      )}

      {errorGroup && (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100">
          <input type="hidden" name="errorGroupId" value={errorGroup.id} />
          From error group <span className="font-medium">{errorGroup.title}</span> (
          <code>{errorGroup.id}</code>): it is linked to the incident when you declare.
        </p>
      )}
      <div className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        <section aria-labelledby="what-heading" className="space-y-5 p-4 sm:p-6">
          <h2
            id="what-heading"
            className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
          >
            What is happening
          </h2>
          <div>
            <Label htmlFor="title">Title</Label>
            <input
              id="title"
              name="title"
              type="text"
              autoFocus
              autoComplete="off"
              maxLength={200}
              defaultValue={values?.title ?? prefill?.title}
              placeholder="Checkout API returning 500 errors"
              aria-invalid={fieldErrors.title ? true : undefined}
              aria-describedby={describedBy("title", { hint: true, error: fieldErrors.title })}
              className={controlClass}
            />
            <FieldHint id="title">Describe the impact users see, not the suspected cause.</FieldHint>
            <FieldError id="title" message={fieldErrors.title} />
          </div>
          <SeverityPicker defaultValue={values?.severity} error={fieldErrors.severity} />
        </section>

        <section aria-labelledby="where-heading" className="grid gap-5 p-4 sm:p-6 lg:grid-cols-3">
          <h2
            id="where-heading"
            className="text-xs font-semibold uppercase tracking-wide text-slate-500 lg:col-span-3 dark:text-slate-400"
          >
            Where
          </h2>
          <div className="lg:col-span-2">
            <ServicePicker
              services={catalog.services}
              errors={serviceErrors}
              initial={prefill ? submittedServices(prefill) : undefined}
            />
          </div>
          <div>
            <Label htmlFor="environment">Environment</Label>
            {/* Keyed by the submitted value: a select only takes a new defaultValue when it mounts. */}
            <select
              key={`environment:${environment}`}
              id="environment"
              name="environment"
              defaultValue={environment}
              aria-invalid={fieldErrors.environment ? true : undefined}
              aria-describedby={describedBy("environment", { error: fieldErrors.environment })}
              className={controlClass}
            >
              {!defaultEnvironment && <option value="">Choose an environment…</option>}
              {environments.map((e) => (
                <option key={e.slug} value={e.slug}>
                  {e.name}
                </option>
              ))}
            </select>
            <FieldError id="environment" message={fieldErrors.environment} />
          </div>
        </section>

        <section aria-labelledby="details-heading" className="space-y-5 p-4 sm:p-6">
          <h2
            id="details-heading"
            className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
          >
            What you know so far
          </h2>
          <MarkdownField defaultValue={values?.description} error={fieldErrors.description} />
          <div className="grid gap-5 sm:grid-cols-2">
            <div>
              <Label htmlFor="commander" optional>
                Incident commander
              </Label>
              <select
                key={`commander:${commander}`}
                id="commander"
                name="commanderId"
                defaultValue={commander}
                aria-invalid={fieldErrors.commanderId ? true : undefined}
                aria-describedby={describedBy("commander", { hint: true, error: fieldErrors.commanderId })}
                className={controlClass}
              >
                <option value="">No commander yet</option>
                {commanders.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.id === currentUserId ? `${u.name} (you)` : u.name}
                  </option>
                ))}
              </select>
              <FieldHint id="commander">
                Coordinates the response and communication; does not debug. Left empty, the on-call of the
                first service is assigned.
              </FieldHint>
              <FieldError id="commander" message={fieldErrors.commanderId} />
            </div>
            <div>
              <Label htmlFor="impact-started-at" optional>
                Impact started (UTC)
              </Label>
              <input
                id="impact-started-at"
                name="impactStartedAt"
                type="datetime-local"
                step={60}
                defaultValue={values?.impactStartedAt}
                aria-invalid={fieldErrors.impactStartedAt ? true : undefined}
                aria-describedby={describedBy("impact-started-at", {
                  hint: true,
                  error: fieldErrors.impactStartedAt,
                })}
                className={`${controlClass} tabular-nums`}
              />
              <FieldHint id="impact-started-at">
                Read as UTC, not your local time. Leave empty to use the moment you declare.
              </FieldHint>
              <FieldError id="impact-started-at" message={fieldErrors.impactStartedAt} />
            </div>
          </div>
        </section>

        <div className="flex flex-col-reverse gap-3 rounded-b-lg bg-slate-50 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6 dark:bg-slate-900/60">
          <p className="hidden text-xs sm:block text-slate-500 dark:text-slate-400">
            Press <kbd className={kbd}>Ctrl</kbd> + <kbd className={kbd}>Enter</kbd> (
            <kbd className={kbd}>⌘</kbd> + <kbd className={kbd}>Enter</kbd> on a Mac) to declare from any
            field.
          </p>
          <div className="flex items-center gap-2">
            <Link
              href="/incidents"
              className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-200/70 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Cancel
            </Link>
            <button
              type="submit"
              disabled={pending}
              aria-keyshortcuts="Control+Enter Meta+Enter"
              className="inline-flex flex-1 items-center justify-center gap-2 rounded-md bg-red-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:cursor-wait disabled:opacity-70 sm:flex-none dark:focus-visible:ring-offset-slate-900"
            >
              {pending ? "Declaring…" : "Declare incident"}
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}

const kbd =
  "rounded border border-slate-300 bg-white px-1 py-px font-sans text-[11px] font-medium text-slate-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300";

"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import type { ServiceOption } from "@/lib/catalog/list-catalog";
import { SLUG_PATTERN } from "@/lib/incidents/schemas";
import { controlClass, ErrorIcon, errorId, hintId } from "@/components/form/field";

const SLUG_RULE = "Use lowercase letters, digits and dashes (e.g. payment-service).";

type Props = {
  services: ServiceOption[];
  /** Messages for "services" and "services.N", already labelled with the slug they are about. */
  errors: string[];
  /** Services chosen before the form opens (Declare from an alert or an error group). */
  initial?: string[];
};

/**
 * The selection lives in React state and reaches the form as hidden inputs: React resets a form
 * after its action, and hidden inputs carrying state survive that where checkboxes would not.
 */
export function ServicePicker({ services, errors, initial }: Props) {
  const id = "services";
  const [selected, setSelected] = useState<string[]>(initial ?? []);
  const [query, setQuery] = useState("");
  const [slugError, setSlugError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);

  const known = new Set(services.map((s) => s.slug));
  const needle = query.trim().toLowerCase();
  const matches = needle
    ? services.filter((s) =>
        [s.slug, s.name, s.ownerTeam ?? ""].some((text) => text.toLowerCase().includes(needle)),
      )
    : services;
  const candidate = query.trim();
  const canAddNew =
    candidate !== "" &&
    SLUG_PATTERN.test(candidate) &&
    !known.has(candidate) &&
    !selected.includes(candidate);
  const messages = [...(slugError ? [slugError] : []), ...errors];

  function add(slug: string) {
    if (!selected.includes(slug)) setSelected([...selected, slug]);
    setAnnouncement(`Added ${slug}.`);
    setQuery("");
    setSlugError(null);
  }

  function remove(slug: string) {
    setSelected(selected.filter((s) => s !== slug));
    setAnnouncement(`Removed ${slug}.`);
    inputRef.current?.focus();
  }

  function toggle(slug: string) {
    if (selected.includes(slug)) {
      setSelected(selected.filter((s) => s !== slug));
      setAnnouncement(`Removed ${slug}.`);
    } else add(slug);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Ctrl/Cmd+Enter belongs to the form (submit); plain Enter adds what was typed.
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (!candidate) return;
      if (known.has(candidate) || SLUG_PATTERN.test(candidate)) add(candidate);
      else if (matches.length === 1) add(matches[0].slug);
      else setSlugError(`“${candidate}” is not a valid service slug. ${SLUG_RULE}`);
    } else if (event.key === "Backspace" && query === "" && selected.length > 0) {
      remove(selected[selected.length - 1]);
    }
  }

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        Affected services
      </label>
      {selected.length > 0 && (
        <ul aria-label="Selected services" className="mb-2 flex flex-wrap gap-1.5">
          {selected.map((slug) => (
            <li
              key={slug}
              className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs font-medium text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
            >
              <input type="hidden" name="services" value={slug} />
              <span className="font-mono">{slug}</span>
              {!known.has(slug) && (
                <span className="rounded bg-emerald-100 px-1 text-[10px] uppercase tracking-wide text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                  new
                </span>
              )}
              <button
                type="button"
                onClick={() => remove(slug)}
                aria-label={`Remove ${slug}`}
                className="rounded-full p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-white"
              >
                <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-3.5 w-3.5">
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={inputRef}
        id={id}
        type="text"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSlugError(null);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        placeholder="Filter the catalog or type a new slug, then Enter"
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={[hintId(id), messages.length ? errorId(id) : null].filter(Boolean).join(" ")}
        className={controlClass}
      />
      <p id={hintId(id)} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
        Pick one or more. A service missing from the catalog is added when you declare.
        {selected.length > 0 && ` ${selected.length} selected.`}
      </p>
      {messages.length > 0 && (
        <div id={errorId(id)} className="mt-1.5 space-y-0.5">
          {messages.map((message) => (
            <p key={message} className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
              <ErrorIcon />
              <span>{message}</span>
            </p>
          ))}
        </div>
      )}
      <div className="mt-2 max-h-56 overflow-y-auto rounded-md border border-slate-200 bg-slate-50/60 p-1.5 dark:border-slate-800 dark:bg-slate-950/40">
        {canAddNew && (
          <button
            type="button"
            onClick={() => add(candidate)}
            className="mb-1 flex w-full items-center gap-2 rounded-md border border-dashed border-emerald-400 bg-white px-2.5 py-2 text-left text-sm text-emerald-800 hover:bg-emerald-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-500 dark:border-emerald-700 dark:bg-slate-900 dark:text-emerald-200 dark:hover:bg-emerald-950"
          >
            <span aria-hidden className="text-base leading-none">
              +
            </span>
            Add new service <span className="font-mono font-medium">{candidate}</span>
          </button>
        )}
        {matches.length === 0 && !canAddNew ? (
          <p className="px-2.5 py-2 text-sm text-slate-500 dark:text-slate-400">
            No service in the catalog matches “{candidate}”.
            {!slugError &&
              !SLUG_PATTERN.test(candidate) &&
              ` A new service needs a slug: ${SLUG_RULE.toLowerCase()}`}
          </p>
        ) : (
          <ul aria-label="Service catalog" className="grid gap-1 sm:grid-cols-2">
            {matches.map((service) => {
              const on = selected.includes(service.slug);
              return (
                <li key={service.slug}>
                  <button
                    type="button"
                    aria-pressed={on}
                    onClick={() => toggle(service.slug)}
                    className={`flex w-full items-start gap-2 rounded-md border px-2.5 py-1.5 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 ${
                      on
                        ? "border-slate-800 bg-slate-900 text-white dark:border-slate-200 dark:bg-slate-100 dark:text-slate-900"
                        : "border-transparent bg-white text-slate-800 hover:border-slate-300 dark:bg-slate-900 dark:text-slate-200 dark:hover:border-slate-600"
                    }`}
                  >
                    <span
                      aria-hidden
                      className={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded border text-[11px] ${on ? "border-white bg-white text-slate-900 dark:border-slate-900 dark:bg-slate-900 dark:text-white" : "border-slate-400 dark:border-slate-600"}`}
                    >
                      {on ? "✓" : ""}
                    </span>
                    <span className="min-w-0">
                      <span className="block font-medium">{service.name}</span>
                      <span
                        className={`block truncate font-mono text-xs ${on ? "text-slate-300 dark:text-slate-600" : "text-slate-500 dark:text-slate-400"}`}
                      >
                        {service.slug}
                        {service.ownerTeam ? ` · ${service.ownerTeam}` : ""}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

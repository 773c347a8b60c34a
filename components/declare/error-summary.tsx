"use client";

import type { MouseEvent, Ref } from "react";

const LABELS: Record<string, { label: string; target: string }> = {
  title: { label: "Title", target: "title" },
  severity: { label: "Severity", target: "severity" },
  services: { label: "Affected services", target: "services" },
  environment: { label: "Environment", target: "environment" },
  description: { label: "Description", target: "description" },
  commanderId: { label: "Commander", target: "commander" },
  impactStartedAt: { label: "Impact started", target: "impact-started-at" },
};

// Following the link should land in the control, not just scroll to it (for a radio group: its choice).
function focusField(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const element = document.getElementById(target);
  if (!element) return;
  const control = element.matches("input, select, textarea") ? element : (element.querySelector<HTMLElement>("input:checked") ?? element.querySelector<HTMLElement>("input, select, textarea"));
  if (!control) return;
  event.preventDefault();
  control.focus({ preventScroll: true });
  element.scrollIntoView({ block: "center" });
}

/** "services.2" belongs to the services control, like "services". */
export const fieldOf = (path: string) => path.split(".")[0];

type Props = { message: string; code: string; fieldErrors: Record<string, string>; ref?: Ref<HTMLDivElement> };

export function ErrorSummary({ message, code, fieldErrors, ref }: Props) {
  const seen = new Set<string>();
  const items = Object.entries(fieldErrors).flatMap(([path, text]) => {
    const field = fieldOf(path);
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, text, known: LABELS[field] }];
  });
  const heading =
    code === "validation"
      ? `The incident was not declared: ${items.length === 1 ? "one field needs" : `${items.length} fields need`} attention.`
      : code === "forbidden"
        ? "Not allowed"
        : "The incident was not declared.";
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="declare-error-heading"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <h2 id="declare-error-heading" className="font-semibold">{heading}</h2>
      {code !== "validation" && <p className="mt-1">{message}</p>}
      {items.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {items.map(({ field, text, known }) => (
            <li key={field}>
              {known ? (
                <a href={`#${known.target}`} onClick={(event) => focusField(event, known.target)} className="font-medium underline underline-offset-2 hover:no-underline focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400">
                  {known.label}
                </a>
              ) : (
                <span className="font-medium">{field === "_" ? "Form" : field}</span>
              )}
              : {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

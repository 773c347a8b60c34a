"use client";

import type { MouseEvent, Ref } from "react";
import { fieldOf } from "./form-message";

/** Per field path: the words the summary uses and the id of the control its link focuses. */
export type SummaryFields = Record<string, { label: string; target: string }>;

// Following the link should land in the control, not just scroll to it (for a radio group: its choice).
function focusField(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const element = document.getElementById(target);
  if (!element) return;
  const control = element.matches("input, select, textarea")
    ? element
    : (element.querySelector<HTMLElement>("input:checked") ??
      element.querySelector<HTMLElement>("input, select, textarea"));
  if (!control) return;
  event.preventDefault();
  control.focus({ preventScroll: true });
  element.scrollIntoView({ block: "center" });
}

type Props = {
  /** What did not happen, e.g. "The incident was not declared". */
  title: string;
  fields: SummaryFields;
  message: string;
  code: string;
  fieldErrors: Record<string, string>;
  ref?: Ref<HTMLDivElement>;
};

/** The summary above a long form: every refused field as a link into its control (GOV.UK pattern). */
export function ErrorSummary({ title, fields, message, code, fieldErrors, ref }: Props) {
  const seen = new Set<string>();
  const items = Object.entries(fieldErrors).flatMap(([path, text]) => {
    const field = fieldOf(path);
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, text, known: fields[field] }];
  });
  const heading =
    code === "validation"
      ? `${title}: ${items.length === 1 ? "one field needs" : `${items.length} fields need`} attention.`
      : code === "forbidden"
        ? "Not allowed"
        : `${title}.`;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-heading"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <h2 id="error-summary-heading" className="font-semibold">
        {heading}
      </h2>
      {code !== "validation" && <p className="mt-1">{message}</p>}
      {items.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {items.map(({ field, text, known }) => (
            <li key={field}>
              {known ? (
                <a
                  href={`#${known.target}`}
                  onClick={(event) => focusField(event, known.target)}
                  className="font-medium underline underline-offset-2 hover:no-underline focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400"
                >
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

"use client";

import { useMemo } from "react";
import { controlClass, describedBy, FieldError, FieldHint, Label } from "@/components/form/field";
import { ConditionSyntaxError, parseCondition } from "@/lib/workflows/condition";

type Props = { id: string; value: string; onChange: (value: string) => void; serverError?: string };

/** What is wrong with the condition as typed, or null; the same parser the API uses, run in the browser. */
export function checkConditionText(source: string): ConditionSyntaxError | null {
  if (source.trim() === "") return null;
  try {
    parseCondition(source);
    return null;
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return error;
    throw error;
  }
}

/** The condition textarea; a syntax error shows under it while typing, with a caret under the column. */
export function ConditionEditor({ id, value, onChange, serverError }: Props) {
  const error = useMemo(() => checkConditionText(value), [value]);
  const message = error ? `${error.message[0].toUpperCase()}${error.message.slice(1)}.` : serverError;
  const line = error ? (value.split("\n")[error.line - 1] ?? "") : "";
  return (
    <div>
      <Label htmlFor={id}>Condition</Label>
      <textarea
        id={id}
        name="condition"
        rows={2}
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="severity = critical AND service in [payment-service, checkout-api]"
        aria-invalid={!!message}
        aria-describedby={describedBy(id, { hint: !message, error: message })}
        className={`${controlClass} font-mono`}
      />
      {error && (
        <pre
          data-testid="condition-caret"
          aria-hidden
          className="mt-1.5 overflow-x-auto rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {`${line}\n${" ".repeat(error.column - 1)}^`}
        </pre>
      )}
      <FieldError id={id} message={message} />
      {!message && (
        <FieldHint id={id}>
          Fields severity, service, environment, source, title, labels.&lt;name&gt;; operators =, !=, in [a,
          b], not in, AND, OR, NOT and parentheses. Empty matches every event.
        </FieldHint>
      )}
    </div>
  );
}

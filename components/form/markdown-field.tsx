"use client";

import dynamic from "next/dynamic";
import { useRef, useState, type KeyboardEvent } from "react";

// react-markdown + remark-gfm are a third of a form page's script: fetched on the first preview only.
const Markdown = dynamic(() => import("@/components/markdown").then((m) => m.Markdown), {
  loading: () => <p className="text-sm text-slate-500 dark:text-slate-400">Rendering the preview…</p>,
});
import { controlClass, describedBy, FieldError, hintId } from "./field";

type Mode = "write" | "preview";
const MODES: Mode[] = ["write", "preview"];

/**
 * The textarea stays mounted (hidden) while previewing, so what was written is still submitted
 * and React's form reset restores it from defaultValue like every other field.
 */
type Props = {
  id?: string;
  name?: string;
  label?: string;
  optional?: boolean;
  rows?: number;
  placeholder?: string;
  defaultValue?: string;
  error?: string;
};

const DESCRIPTION_PLACEHOLDER =
  "What is broken, for whom, since when, and what you have tried so far.\n\n- Error rate on `POST /checkout` at 30%\n- Started after deploy **v2.3.1**";

export function MarkdownField({
  id = "description",
  name = id,
  label = "Description",
  optional = true,
  rows = 7,
  placeholder = DESCRIPTION_PLACEHOLDER,
  defaultValue,
  error,
}: Props) {
  const [mode, setMode] = useState<Mode>("write");
  const [preview, setPreview] = useState("");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const tabRefs = useRef<Record<Mode, HTMLButtonElement | null>>({ write: null, preview: null });

  function show(next: Mode, focusTab = false) {
    if (next === "preview") setPreview(textareaRef.current?.value ?? "");
    setMode(next);
    if (focusTab) tabRefs.current[next]?.focus();
  }

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes on to the panel.
  function onTabKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (
      event.key !== "ArrowLeft" &&
      event.key !== "ArrowRight" &&
      event.key !== "Home" &&
      event.key !== "End"
    )
      return;
    event.preventDefault();
    const index = MODES.indexOf(mode);
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? MODES.length - 1
          : (index + (event.key === "ArrowRight" ? 1 : -1) + MODES.length) % MODES.length;
    show(MODES[next], true);
  }

  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-1 text-xs font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 ${
      active
        ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:text-white dark:ring-slate-700"
        : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
    }`;

  return (
    <div>
      <div className="mb-1.5 flex items-end justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}{" "}
          {optional && (
            <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">optional</span>
          )}
        </label>
        <div
          role="tablist"
          aria-label={`Write or preview the ${label.toLowerCase()}`}
          className="inline-flex gap-0.5 rounded-lg bg-slate-100 p-0.5 dark:bg-slate-950"
        >
          {MODES.map((m) => (
            <button
              key={m}
              ref={(node) => {
                tabRefs.current[m] = node;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${m}`}
              aria-selected={mode === m}
              aria-controls={`${id}-panel-${m}`}
              tabIndex={mode === m ? 0 : -1}
              onClick={() => show(m)}
              onKeyDown={onTabKeyDown}
              className={tabClass(mode === m)}
            >
              {m === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel-write`}
        aria-labelledby={`${id}-tab-write`}
        hidden={mode !== "write"}
      >
        <textarea
          ref={textareaRef}
          id={id}
          name={name}
          rows={rows}
          defaultValue={defaultValue}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint: true, error })}
          className={`${controlClass} resize-y font-mono leading-relaxed`}
        />
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel-preview`}
        aria-labelledby={`${id}-tab-preview`}
        hidden={mode !== "preview"}
        tabIndex={0}
        data-testid={`${id}-preview`}
        className="min-h-24 rounded-md border border-slate-200 bg-white px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:border-slate-700 dark:bg-slate-950"
      >
        {preview.trim() ? (
          <Markdown>{preview}</Markdown>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Nothing to preview yet.</p>
        )}
      </div>
      <p id={hintId(id)} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
        Markdown: <code className="font-mono">**bold**</code>, <code className="font-mono">`code`</code>,{" "}
        <code className="font-mono">- lists</code>, <code className="font-mono">[links](https://…)</code>.
      </p>
      <FieldError id={id} message={error} />
    </div>
  );
}

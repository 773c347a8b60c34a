"use client";

import { useState } from "react";
import { Markdown } from "./markdown";

type Props = { id: string; name: string; label: string; defaultValue?: string; rows?: number; placeholder?: string; required?: boolean; error?: string };

/** A Markdown textarea with a Write / Preview switch; the preview uses the same safe renderer as the timeline. */
export function MarkdownEditor({ id, name, label, defaultValue = "", rows = 4, placeholder, required, error }: Props) {
  const [text, setText] = useState(defaultValue);
  const [preview, setPreview] = useState(false);
  const tab = (active: boolean) =>
    `rounded px-2 py-0.5 text-xs font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 ${active ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white" : "text-slate-600 hover:text-slate-900 dark:text-slate-300"}`;
  return (
    <div>
      <div className="mb-1 flex items-center justify-between">
        <label htmlFor={id} className="text-sm font-medium">{label}</label>
        <div className="flex gap-1" role="group" aria-label={`${label} mode`}>
          <button type="button" className={tab(!preview)} aria-pressed={!preview} onClick={() => setPreview(false)}>Write</button>
          <button type="button" className={tab(preview)} aria-pressed={preview} onClick={() => setPreview(true)}>Preview</button>
        </div>
      </div>
      {/* The textarea stays in the form while previewing, so the text is always submitted. */}
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
        required={required}
        hidden={preview}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 dark:border-slate-700 dark:bg-slate-900"
      />
      {preview && (
        <div className="min-h-24 rounded-md border border-dashed border-slate-300 p-2.5 dark:border-slate-700" data-testid={`${id}-preview`}>
          {text.trim() ? <Markdown>{text}</Markdown> : <p className="text-sm text-slate-500">Nothing to preview.</p>}
        </div>
      )}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">{error}</p>
      ) : (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">Markdown: **bold**, lists, `code`, [links](https://…).</p>
      )}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { MarkdownField } from "@/components/form/markdown-field";
import { buttonClass, secondaryButtonClass } from "@/components/form/field";
import type { PostmortemView } from "@/lib/postmortems/schemas";

type Section = PostmortemView["sections"][number];
type SaveResult =
  | { status: "ok"; version: number; postmortemStatus: string }
  | { status: "conflict"; current: PostmortemView }
  | { status: "error"; message: string };
export type SavePostmortem = (
  incidentId: string,
  version: number,
  change: { sections?: Record<string, string>; status?: string },
) => Promise<SaveResult>;

type Props = {
  incidentId: string;
  version: number;
  status: string;
  sections: Section[];
  save: SavePostmortem;
};

const AUTOSAVE_MS = 1200;
const NEXT: Record<string, { to: string; label: string }[]> = {
  draft: [{ to: "in_review", label: "Submit for review" }],
  in_review: [
    { to: "draft", label: "Back to draft" },
    { to: "published", label: "Publish" },
  ],
};

/**
 * Every section is its own Markdown field. Changes are saved a moment after typing stops, with the
 * version they were based on; if someone else saved first, both versions are shown side by side and
 * nothing is thrown away until the writer chooses.
 */
export function PostmortemEditor({ incidentId, version: initialVersion, status, sections, save }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const version = useRef(initialVersion);
  const saved = useRef(new Map(sections.map((s) => [s.key, s.text])));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [state, setState] = useState<"saved" | "dirty" | "saving" | "error">("saved");
  const [error, setError] = useState("");
  const [conflict, setConflict] = useState<{ current: PostmortemView; mine: Record<string, string> } | null>(
    null,
  );

  const changedSections = () => {
    const form = new FormData(formRef.current!);
    const changed: Record<string, string> = {};
    for (const s of sections) {
      const text = String(form.get(`section-${s.key}`) ?? "");
      if (text !== saved.current.get(s.key)) changed[s.key] = text;
    }
    return changed;
  };

  async function flush(extra: { status?: string } = {}) {
    if (timer.current) clearTimeout(timer.current);
    const changed = changedSections();
    if (Object.keys(changed).length === 0 && !extra.status) return setState("saved");
    setState("saving");
    const result = await save(incidentId, version.current, {
      ...(Object.keys(changed).length ? { sections: changed } : {}),
      ...extra,
    });
    if (result.status === "ok") {
      version.current = result.version;
      for (const [key, text] of Object.entries(changed)) saved.current.set(key, text);
      setState(Object.keys(changedSections()).length ? "dirty" : "saved");
      if (extra.status) router.refresh();
    } else if (result.status === "conflict") {
      setConflict({ current: result.current, mine: changed });
      setState("error");
    } else {
      setError(result.message);
      setState("error");
    }
  }

  const schedule = () => {
    setState("dirty");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  /** Keep mine: save my texts over the current version (theirs stays visible until the page reloads). */
  async function keepMine() {
    if (!conflict) return;
    version.current = conflict.current.version;
    for (const s of conflict.current.sections) saved.current.set(s.key, s.text);
    setConflict(null);
    await flush();
  }

  return (
    <div className="space-y-6">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white/95 px-4 py-2 dark:border-slate-800 dark:bg-slate-900/95">
        <p role="status" data-testid="save-state" className="text-sm text-slate-600 dark:text-slate-300">
          {state === "saved"
            ? "All changes saved"
            : state === "saving"
              ? "Saving…"
              : state === "dirty"
                ? "Unsaved changes"
                : conflict
                  ? "Not saved: someone else changed it"
                  : `Not saved: ${error}`}
        </p>
        <div className="ml-auto flex gap-2">
          {state !== "saved" && !conflict && (
            <button type="button" className={secondaryButtonClass} onClick={() => void flush()}>
              Save now
            </button>
          )}
          {(NEXT[status] ?? []).map((n) => (
            <button
              key={n.to}
              type="button"
              className={n.to === "published" ? buttonClass : secondaryButtonClass}
              disabled={!!conflict}
              onClick={() => void flush({ status: n.to })}
            >
              {n.label}
            </button>
          ))}
        </div>
      </div>

      {conflict && (
        <section
          role="alert"
          aria-label="Edit conflict"
          className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-semibold">
            Someone else saved this postmortem (version {conflict.current.version}) while you were editing.
            Nothing is lost: compare and choose.
          </p>
          {Object.entries(conflict.mine).map(([key, mine]) => {
            const theirs = conflict.current.sections.find((s) => s.key === key);
            return (
              <div key={key} className="grid gap-3 md:grid-cols-2">
                <div>
                  <h3 className="mb-1 font-medium">{theirs?.title ?? key}: yours</h3>
                  <pre className="whitespace-pre-wrap rounded border border-amber-200 bg-white p-2 text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">
                    {mine}
                  </pre>
                </div>
                <div>
                  <h3 className="mb-1 font-medium">{theirs?.title ?? key}: theirs</h3>
                  <pre className="whitespace-pre-wrap rounded border border-amber-200 bg-white p-2 text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">
                    {theirs?.text}
                  </pre>
                </div>
              </div>
            );
          })}
          <div className="flex gap-2">
            <button type="button" className={buttonClass} onClick={() => void keepMine()}>
              Keep mine
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => window.location.reload()}>
              Take theirs (reload)
            </button>
          </div>
        </section>
      )}

      <form
        ref={formRef}
        onInput={schedule}
        onSubmit={(e) => {
          e.preventDefault();
          void flush();
        }}
        className="space-y-6"
      >
        {sections.map((s) => (
          <div key={s.key} data-section={s.key}>
            <MarkdownField
              id={`section-${s.key}`}
              label={s.title}
              optional={false}
              rows={Math.min(16, Math.max(4, s.text.split("\n").length + 1))}
              placeholder=""
              defaultValue={s.text}
            />
            {!s.edited && (
              <p className="mt-1 text-xs text-slate-500">
                Generated: refreshed on a later resolution until you edit it.
              </p>
            )}
          </div>
        ))}
      </form>
    </div>
  );
}

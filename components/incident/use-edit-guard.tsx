"use client";

import { useState } from "react";

/**
 * Stale-write protection on a live page. The page re-renders as others change the incident, so a
 * form's hidden version would otherwise follow along and a save would silently overwrite a change the
 * reader never compared with what they typed. The rule:
 * - untouched, a form follows the newest version and shows the newest values (`key` remounts it);
 * - once the reader edits it, it keeps their text and follows new versions only while what this form
 *   edits (`watched`) is unchanged: a posted update or a new link does not conflict with a title edit;
 * - if something it edits changed meanwhile, it keeps the version from before that change, so the
 *   save is refused (412, typed text handed back) and `conflict` says why before they press it.
 * The edit ends when the form resets (React resets it after every submit) or is cancelled.
 */
export function useEditGuard(version: number, watched: unknown) {
  const snapshot = JSON.stringify(watched);
  const [edit, setEdit] = useState<{ snapshot: string; version: number } | null>(null);
  // Derived state, adjusted during render (React's documented pattern for "state from props").
  if (edit && edit.snapshot === snapshot && edit.version !== version) setEdit({ snapshot, version });
  const start = () => setEdit((current) => current ?? { snapshot, version });
  const end = () => setEdit(null);
  return {
    version: edit ? edit.version : version,
    editing: edit !== null,
    conflict: edit !== null && edit.snapshot !== snapshot,
    /** Remounts the fields with fresh defaults, only while the reader has not touched them. */
    key: edit ? edit.snapshot : snapshot,
    formProps: { onChange: start, onReset: end },
    end,
  };
}

/** The notice beside a form whose fields someone else changed while the reader was editing them. */
export function ConflictNotice({ show, what }: { show: boolean; what: string }) {
  if (!show) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      Someone else changed the {what} while you were editing. What you entered is kept; saving it will first
      show you the conflict.
    </p>
  );
}

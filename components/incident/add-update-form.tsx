"use client";

import { useActionState, useState } from "react";
import { addUpdateAction } from "@/app/incidents/[id]/actions";
import { MarkdownEditor } from "@/components/markdown-editor";
import type { ActionState } from "@/lib/http/action-state";
import { buttonClass, FormMessage, idleState, IncidentFields, inputClass } from "./form-bits";

/** "Add Update": a Markdown message with its type; the editor is cleared after a successful post. */
export function AddUpdateForm({ incidentId }: { incidentId: string }) {
  const [posts, setPosts] = useState(0);
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const next = await addUpdateAction(previous, form);
    if (next.status === "ok") setPosts((n) => n + 1);
    return next;
  }, idleState);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.currentTarget.requestSubmit(); }}>
      <h2 className="text-sm font-semibold">Add update</h2>
      <IncidentFields incidentId={incidentId} />
      {/* A new editor after each post (key), so the next update starts empty. */}
      <MarkdownEditor key={posts} id="update-message" name="message" label="Message" rows={4} required
        defaultValue={values?.message} error={state.status === "error" ? state.fieldErrors.message : undefined}
        placeholder="What you know, what you don't know, what you're doing next." />
      <div className="flex items-center gap-2">
        <label htmlFor="update-type" className="sr-only">Type</label>
        <select id="update-type" name="type" defaultValue={values?.type ?? "update"} className={inputClass.replace("w-full", "w-auto")}>
          <option value="update">Update</option>
          <option value="action">Action taken</option>
          <option value="resolution">Resolution</option>
        </select>
        <button type="submit" disabled={pending} className={buttonClass} aria-keyshortcuts="Control+Enter">{pending ? "Posting…" : "Post update"}</button>
        <span className="text-xs text-slate-500">Ctrl+Enter</span>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { MarkdownField } from "@/components/form/markdown-field";
import type { FormAction } from "@/lib/http/action-state";
import { buttonClass, compactControlClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";

/** "Add Update": a Markdown message with its type; the editor is cleared after a successful post. */
export function AddUpdateForm({ incidentId, addUpdate }: { incidentId: string; addUpdate: FormAction }) {
  const [state, action, pending] = useActionState(addUpdate, idleState);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form
      action={action}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.currentTarget.requestSubmit();
      }}
    >
      <h2 className="text-sm font-semibold">Add update</h2>
      <IncidentFields incidentId={incidentId} />
      {/* React resets the form after a post, so the next update starts empty; a refused one is handed back. */}
      <MarkdownField
        id="update-message"
        name="message"
        label="Message"
        optional={false}
        rows={4}
        defaultValue={values?.message}
        error={state.status === "error" ? state.fieldErrors.message : undefined}
        placeholder="What you know, what you don't know, what you're doing next."
      />
      <div className="flex items-center gap-2">
        <label htmlFor="update-type" className="sr-only">
          Type
        </label>
        <select
          id="update-type"
          name="type"
          defaultValue={values?.type ?? "update"}
          className={compactControlClass.replace("w-full", "w-auto")}
        >
          <option value="update">Update</option>
          <option value="action">Action taken</option>
          <option value="resolution">Resolution</option>
        </select>
        <button type="submit" disabled={pending} className={buttonClass} aria-keyshortcuts="Control+Enter">
          {pending ? "Posting…" : "Post update"}
        </button>
        <span className="text-xs text-slate-500">Ctrl+Enter</span>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

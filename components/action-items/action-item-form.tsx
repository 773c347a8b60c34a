"use client";

import { useActionState } from "react";
import { buttonClass, compactControlClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

type Props = {
  incidentId: string;
  users: { id: string; name: string }[];
  create: FormAction;
  timelineEntryId?: number;
  defaultTitle?: string;
};

/** New action item: title, owner, due date (a calendar day), priority, optional ticket URL. */
export function ActionItemForm({ incidentId, users, create, timelineEntryId, defaultTitle }: Props) {
  const [state, action, pending] = useActionState(create, idleState);
  const values = state.status === "error" ? state.values : undefined;
  const err = (key: string) => (state.status === "error" ? state.fieldErrors[key] : undefined);
  return (
    <form action={action} aria-label="New action item" className="grid gap-2 sm:grid-cols-6">
      <input type="hidden" name="incidentId" value={incidentId} />
      {timelineEntryId !== undefined && (
        <input type="hidden" name="timelineEntryId" value={timelineEntryId} />
      )}
      <div className="sm:col-span-6">
        <label htmlFor="ai-title" className="mb-1 block text-xs font-medium">
          Title
        </label>
        <input
          id="ai-title"
          name="title"
          required
          maxLength={300}
          defaultValue={values?.title ?? defaultTitle}
          aria-invalid={err("title") ? true : undefined}
          className={compactControlClass}
        />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="ai-owner" className="mb-1 block text-xs font-medium">
          Owner
        </label>
        <select
          id="ai-owner"
          name="ownerId"
          defaultValue={values?.ownerId ?? ""}
          className={compactControlClass}
        >
          <option value="">Nobody yet</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="ai-due" className="mb-1 block text-xs font-medium">
          Due date
        </label>
        <input
          id="ai-due"
          name="dueDate"
          type="date"
          defaultValue={values?.dueDate}
          className={compactControlClass}
        />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="ai-priority" className="mb-1 block text-xs font-medium">
          Priority
        </label>
        <select
          id="ai-priority"
          name="priority"
          defaultValue={values?.priority ?? "medium"}
          className={compactControlClass}
        >
          <option value="low">Low</option>
          <option value="medium">Medium</option>
          <option value="high">High</option>
        </select>
      </div>
      <div className="sm:col-span-4">
        <label htmlFor="ai-ticket" className="mb-1 block text-xs font-medium">
          Ticket URL <span className="font-normal text-slate-500">optional</span>
        </label>
        <input
          id="ai-ticket"
          name="ticketUrl"
          type="url"
          defaultValue={values?.ticketUrl}
          className={compactControlClass}
        />
      </div>
      <div className="flex items-end sm:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Adding…" : "Add action item"}
        </button>
      </div>
      <div className="sm:col-span-6">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

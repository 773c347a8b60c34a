"use client";

import { useActionState } from "react";
import { buttonClass, secondaryButtonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { WebhookFields } from "./webhook-fields";

const initial: ActionState = { status: "idle" };
type Subscription = {
  id: string;
  url: string;
  events: string[];
  format: string;
  description: string;
  enabled: boolean;
};

export function EditWebhookForm({ webhook, save }: { webhook: Subscription; save: FormAction }) {
  const [state, action, pending] = useActionState(save, initial);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={webhook.id} />
      <WebhookFields
        prefix={`edit-${webhook.id}`}
        values={{
          url: values?.url ?? webhook.url,
          format: values?.format ?? webhook.format,
          description: values?.description ?? webhook.description,
          events: webhook.events,
        }}
        errors={errors}
      />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Save changes"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

/** Send test, enable/disable and delete (with confirmation), each its own small form. */
export function WebhookButtons({
  webhook,
  label,
  test,
  setEnabled,
  remove,
}: {
  webhook: Subscription;
  label: string;
  test: FormAction;
  setEnabled: FormAction;
  remove: FormAction;
}) {
  const [testState, testAction, testing] = useActionState(test, initial);
  const [toggleState, toggleAction, toggling] = useActionState(setEnabled, initial);
  const [deleteState, deleteAction, deleting] = useActionState(remove, initial);
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        <form action={testAction}>
          <input type="hidden" name="id" value={webhook.id} />
          <button
            type="submit"
            disabled={testing}
            className={secondaryButtonClass}
            aria-label={`Send a test to ${label}`}
          >
            {testing ? "Sending…" : "Send test"}
          </button>
        </form>
        <form action={toggleAction}>
          <input type="hidden" name="id" value={webhook.id} />
          <input type="hidden" name="enabled" value={webhook.enabled ? "false" : "true"} />
          <button
            type="submit"
            disabled={toggling}
            className={secondaryButtonClass}
            aria-label={`${webhook.enabled ? "Disable" : "Enable"} ${label}`}
          >
            {webhook.enabled ? "Disable" : "Enable"}
          </button>
        </form>
        <form
          action={deleteAction}
          onSubmit={(event) => {
            if (
              !window.confirm(
                `Delete the subscription “${label}” and its delivery log? Queued deliveries are dropped.`,
              )
            )
              event.preventDefault();
          }}
        >
          <input type="hidden" name="id" value={webhook.id} />
          <button
            type="submit"
            disabled={deleting}
            aria-label={`Delete ${label}`}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950"
          >
            {deleting ? "Deleting…" : "Delete"}
          </button>
        </form>
      </div>
      <FormMessage state={testState} />
      <FormMessage state={toggleState} />
      <FormMessage state={deleteState} />
    </div>
  );
}

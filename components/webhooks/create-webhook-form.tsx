"use client";

import { useActionState, useState } from "react";
import { buttonClass, secondaryButtonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { WebhookFields } from "./webhook-fields";

export type CreatedWebhook = { id: string; url: string; secret: string };

const initial: ActionState<CreatedWebhook> = { status: "idle" };

/** The new-subscription form; the signing secret is shown once, with a copy button. */
export function CreateWebhookForm({ create }: { create: FormAction<CreatedWebhook> }) {
  const [state, action, pending] = useActionState(create, initial);
  const [copied, setCopied] = useState(false);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const fieldErrorShown = Object.keys(errors).some((path) =>
    ["url", "events", "description"].includes(path.split(".")[0]),
  );
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        <WebhookFields
          prefix="new-webhook"
          values={{
            url: values?.url,
            format: values?.format,
            description: values?.description,
            events: ["incident.declared", "incident.status_changed", "incident.resolved"],
          }}
          errors={errors}
        />
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Creating…" : "Create subscription"}
        </button>
        {state.status === "error" && !fieldErrorShown && <FormMessage state={state as ActionState} />}
      </form>
      {state.status === "ok" && (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          <p className="font-medium">
            Subscription created. Copy its signing secret now: it will not be shown again.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              data-testid="webhook-secret"
              className="block min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900"
            >
              {state.data.secret}
            </code>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={async () => {
                await navigator.clipboard?.writeText(state.data.secret).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy secret"}
            </button>
          </div>
          <p className="mt-2 text-slate-600 dark:text-slate-400">
            Receivers verify the <code>webhook-signature</code> header with it (see docs/webhooks.md).
          </p>
        </div>
      )}
    </div>
  );
}

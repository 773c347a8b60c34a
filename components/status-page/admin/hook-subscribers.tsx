"use client";

import { useActionState } from "react";
import {
  buttonClass,
  compactControlClass,
  describedBy,
  FieldError,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { formatUtc } from "@/lib/format";
import { HOOK_TYPE_LABELS, HOOK_TYPES, type HookSubscriberView } from "@/lib/status-pages/hook-schemas";

type Created = { id: string; secret: string | null };
const initial: ActionState<Created> = { status: "idle" };
const removeInitial: ActionState = { status: "idle" };

function RemoveButton({ pageId, id, remove }: { pageId: string; id: string; remove: FormAction }) {
  const [state, action, pending] = useActionState(remove, removeInitial);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="pageId" value={pageId} />
      <input type="hidden" name="subscriberId" value={id} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Removing…" : "Remove"}
      </button>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}

/** The page's webhook and chat subscribers: add one (a webhook's secret shown once), see counts, remove. */
export function HookSubscribers({
  pageId,
  subscribers,
  components,
  create,
  remove,
}: {
  pageId: string;
  subscribers: HookSubscriberView[];
  components: { id: string; name: string }[];
  create: FormAction<Created>;
  remove: FormAction;
}) {
  const [state, action, pending] = useActionState(create, initial);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const placed = ["type", "url", "components"].some((name) => name in errors);
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      aria-labelledby="hook-subscribers-heading"
    >
      <h2 id="hook-subscribers-heading" className="mb-3 text-sm font-semibold">
        Webhook and chat subscribers
      </h2>
      {subscribers.length === 0 ? (
        <p className="mb-3 text-sm text-slate-500">
          None yet. Public sign-ups appear here once their URL confirms.
        </p>
      ) : (
        <table className="mb-4 w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Type</th>
              <th className="py-1 pr-4 font-medium">Address</th>
              <th className="py-1 pr-4 font-medium">Status</th>
              <th className="py-1 pr-4 font-medium">Components</th>
              <th className="py-1 pr-4 font-medium">Sent / failed / pending</th>
              <th className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {subscribers.map((s) => (
              <tr
                key={s.id}
                className="border-t border-slate-100 dark:border-slate-800"
                data-testid="hook-subscriber"
              >
                <td className="py-1.5 pr-4">{HOOK_TYPE_LABELS[s.type]}</td>
                <td className="py-1.5 pr-4 break-all">{s.address}</td>
                <td className="py-1.5 pr-4">{s.status}</td>
                <td className="py-1.5 pr-4">{s.components?.join(", ") ?? "all"}</td>
                <td className="py-1.5 pr-4 tabular-nums" title={`since ${formatUtc(s.createdAt)}`}>
                  {s.delivery.sent} /{" "}
                  <span className={s.delivery.failed ? "text-red-700 dark:text-red-300" : ""}>
                    {s.delivery.failed}
                  </span>{" "}
                  / {s.delivery.pending}
                </td>
                <td className="py-1.5">
                  <RemoveButton pageId={pageId} id={s.id} remove={remove} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form action={action} className="space-y-3" noValidate>
        <input type="hidden" name="pageId" value={pageId} />
        <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
          <div>
            <Label htmlFor="hook-type">Type</Label>
            <select
              id="hook-type"
              name="type"
              defaultValue={values?.type ?? "webhook"}
              className={compactControlClass}
            >
              {HOOK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {HOOK_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <Label htmlFor="hook-url">URL</Label>
            <input
              id="hook-url"
              name="url"
              type="url"
              defaultValue={values?.url}
              placeholder="https://…"
              className={compactControlClass}
              aria-invalid={errors.url ? true : undefined}
              aria-describedby={describedBy("hook-url", { error: errors.url })}
            />
            <FieldError id="hook-url" message={errors.url} />
          </div>
        </div>
        {components.length > 0 && (
          <fieldset aria-describedby={describedBy("hook-components", { error: errors.components })}>
            <legend className="mb-1.5 text-sm font-medium">Components</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <label className="flex items-center gap-1.5">
                <input type="radio" name="scope" value="all" defaultChecked /> All
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="scope" value="some" /> Only:
              </label>
              {components.map((c) => (
                <label key={c.id} className="flex items-center gap-1.5">
                  <input type="checkbox" name="components" value={c.id} /> {c.name}
                </label>
              ))}
            </div>
            <FieldError id="hook-components" message={errors.components} />
          </fieldset>
        )}
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Adding…" : "Add subscriber"}
        </button>
        {state.status === "error" && !placed && <FormMessage state={state as ActionState} />}
      </form>
      {state.status === "ok" && (
        <div
          role="status"
          className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          {state.data.secret ? (
            <>
              <p className="font-medium">Added. Copy its signing secret now: it will not be shown again.</p>
              <code data-testid="hook-secret" className="mt-1 block break-all font-mono text-xs">
                {state.data.secret}
              </code>
            </>
          ) : (
            <p className="font-medium">Added: the next public update is posted there.</p>
          )}
        </div>
      )}
    </section>
  );
}

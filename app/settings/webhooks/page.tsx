import type { Metadata } from "next";
import { AutoRefresh } from "@/components/auto-refresh";
import { NotAllowed } from "@/components/not-allowed";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { EditWebhookForm, WebhookButtons } from "@/components/webhooks/webhook-controls";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import {
  createWebhookAction,
  deleteWebhookAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
  updateWebhookAction,
} from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function WebhooksPage() {
  const page = await loadPage("/settings/webhooks", async (db, actor) => {
    const webhooks = await listWebhooks(db, actor);
    const logs = await Promise.all(
      webhooks.map((w) => listWebhookDeliveries(db, actor, w.id, { limit: 10 })),
    );
    return webhooks.map((webhook, i) => ({ webhook, deliveries: logs[i].items }));
  });
  if (!page.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <NotAllowed role={page.role} message={page.message}>
          Only admins manage outgoing webhooks.
        </NotAllowed>
      </section>
    );
  }
  const inFlight = page.data.some(({ deliveries }) =>
    deliveries.some((d) => d.status === "pending" || d.status === "retrying"),
  );
  return (
    <section className="space-y-6">
      {/* While a delivery is under way its outcome shows up without a reload. */}
      {inFlight && <AutoRefresh seconds={3} />}
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Incident and alert events are POSTed to these URLs, signed per Standard Webhooks, retried for up to
          24 hours. A subscription that fails for 24 hours is disabled.
        </p>
      </div>
      <div className={card}>
        <h2 className="mb-3 text-sm font-semibold">New subscription</h2>
        <CreateWebhookForm create={createWebhookAction} />
      </div>
      {page.data.length === 0 && <p className="text-sm text-slate-500">No subscriptions yet.</p>}
      {page.data.map(({ webhook, deliveries }) => {
        const label = webhook.description || new URL(webhook.url).host;
        return (
          <article
            key={webhook.id}
            className={`${card} space-y-3`}
            aria-labelledby={`${webhook.id}-title`}
            data-testid="webhook"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h2 id={`${webhook.id}-title`} className="font-semibold">
                  {label}
                </h2>
                <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">
                  {webhook.url}
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  {webhook.format} · {webhook.events.join(", ")}
                </p>
              </div>
              {webhook.enabled ? (
                <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                  Enabled
                </span>
              ) : (
                <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-300">
                  Disabled
                </span>
              )}
            </div>
            {!webhook.enabled && (
              <p
                role="note"
                className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
              >
                Disabled {webhook.disabledAt ? formatUtc(webhook.disabledAt) : ""}:{" "}
                {webhook.disabledReason ?? "no reason recorded."}
              </p>
            )}
            {webhook.enabled && webhook.failingSince && (
              <p
                role="note"
                className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
              >
                Failing since {formatUtc(webhook.failingSince)} (disabled after 24 hours):{" "}
                {webhook.lastFailure}
              </p>
            )}
            <WebhookButtons
              webhook={webhook}
              label={label}
              test={sendTestWebhookAction}
              setEnabled={setWebhookEnabledAction}
              remove={deleteWebhookAction}
            />
            <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <summary className="cursor-pointer text-sm font-medium">Edit URL, events and format</summary>
              <div className="mt-3">
                <EditWebhookForm webhook={webhook} save={updateWebhookAction} />
              </div>
            </details>
            <div>
              <h3 className="mb-1 text-sm font-semibold">Recent deliveries</h3>
              <DeliveriesTable deliveries={deliveries} label={label} />
            </div>
          </article>
        );
      })}
    </section>
  );
}

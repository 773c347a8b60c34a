import { formatUtc } from "@/lib/format";
import type { DeliveryView } from "@/lib/webhooks/schemas";

const STATUS_LOOK: Record<DeliveryView["status"], string> = {
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  retrying: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  pending: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

/** The newest deliveries of one subscription: each delivery's status and its attempts. */
export function DeliveriesTable({ deliveries, label }: { deliveries: DeliveryView[]; label: string }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">No deliveries yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Deliveries to {label}, newest first</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-2 py-1.5">Time</th>
            <th className="px-2 py-1.5">Event</th>
            <th className="px-2 py-1.5">Status</th>
            <th className="px-2 py-1.5">Attempts</th>
            <th className="px-2 py-1.5">Code</th>
            <th className="px-2 py-1.5">Duration</th>
            <th className="px-2 py-1.5">Error</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="deliveries">
          {deliveries.map((delivery) => {
            const last = delivery.attemptLog.at(-1);
            return (
              <tr key={delivery.id}>
                <td className="whitespace-nowrap px-2 py-1.5 text-xs">{formatUtc(delivery.createdAt)}</td>
                <td className="px-2 py-1.5">
                  <code className="text-xs">{delivery.eventType}</code>
                </td>
                <td className="px-2 py-1.5">
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_LOOK[delivery.status]}`}
                  >
                    {delivery.status}
                  </span>
                  {delivery.nextAttemptAt && (
                    <span className="ml-1 text-xs text-slate-500">
                      next {formatUtc(delivery.nextAttemptAt)}
                    </span>
                  )}
                </td>
                <td className="px-2 py-1.5 tabular-nums">{delivery.attempts}</td>
                <td className="px-2 py-1.5 tabular-nums">{delivery.lastStatusCode ?? "—"}</td>
                <td className="whitespace-nowrap px-2 py-1.5 tabular-nums">
                  {last ? `${last.durationMs} ms` : "—"}
                </td>
                <td className="max-w-md px-2 py-1.5 text-xs text-red-700 dark:text-red-300">
                  {delivery.lastError ?? ""}
                  {delivery.attemptLog.length > 1 && (
                    <details className="mt-1 text-slate-600 dark:text-slate-400">
                      <summary className="cursor-pointer">All {delivery.attemptLog.length} attempts</summary>
                      <ol className="mt-1 list-decimal pl-5">
                        {delivery.attemptLog.map((a) => (
                          <li key={a.attempt}>
                            {formatUtc(a.at)}: {a.statusCode ?? "no answer"}, {a.durationMs} ms
                            {a.error ? ` — ${a.error}` : ""}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { formatUtc } from "@/lib/format";
import type { SubscriberView } from "@/lib/status-pages/list-subscribers";

const SHOWN = 200;

/** Who gets the page's updates by mail; the whole list (any size) is the CSV export. */
export function SubscribersTable({
  pageId,
  subscribers,
  counts,
}: {
  pageId: string;
  subscribers: SubscriberView[];
  counts: Record<SubscriberView["status"], number>;
}) {
  return (
    <section
      aria-label="Subscribers"
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold">Subscribers (email, webhook and chat)</h2>
        <p
          className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400"
          data-testid="subscriber-counts"
        >
          {counts.confirmed} confirmed · {counts.pending} waiting for confirmation · {counts.unsubscribed}{" "}
          unsubscribed
          <a
            href={`/api/status-pages/${pageId}/subscribers?format=csv`}
            download
            className="rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Export CSV
          </a>
        </p>
      </div>
      {subscribers.length === 0 ? (
        <p className="text-sm text-slate-500">
          Nobody has subscribed yet: the sign-up form is on the public page.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Address</th>
              <th className="py-1 pr-4 font-medium">Status</th>
              <th className="py-1 pr-4 font-medium">Components</th>
              <th className="py-1 font-medium">Since</th>
            </tr>
          </thead>
          <tbody>
            {subscribers.slice(0, SHOWN).map((subscriber) => (
              <tr key={subscriber.id} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1.5 pr-4 break-all">
                  {subscriber.address}
                  {subscriber.type !== "email" && (
                    <span className="ml-1 text-xs text-slate-500">({subscriber.type})</span>
                  )}
                </td>
                <td className="py-1.5 pr-4">{subscriber.status}</td>
                <td className="py-1.5 pr-4">{subscriber.components?.join(", ") ?? "all"}</td>
                <td className="py-1.5">{formatUtc(subscriber.confirmedAt ?? subscriber.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {subscribers.length > SHOWN && (
        <p className="mt-2 text-xs text-slate-500">
          The first {SHOWN} of {subscribers.length}; the CSV export has everyone.
        </p>
      )}
    </section>
  );
}

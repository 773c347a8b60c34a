import type { Metadata } from "next";
import Link from "next/link";
import { FilterProblem } from "@/components/filters/filter-problem";
import { NotAllowed } from "@/components/not-allowed";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit/audit-actions";
import { diffLines } from "@/lib/audit/format-diff";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const FILTERS = ["actor", "action", "targetType", "targetId", "from", "to", "cursor"] as const;
const control =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

const time = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);

export default async function AuditLogPage({ searchParams }: Props) {
  const params = await searchParams;
  const query: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params[key];
    if (typeof value === "string" && value.trim()) query[key] = value.trim();
  }
  const returnTo = `/settings/audit${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`;
  const loaded = await loadPage(returnTo, (db, actor) => catchInvalid(listAuditEvents(db, actor, query)));
  if (!loaded.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <NotAllowed role={loaded.role} message={loaded.message}>
          Only admins read the audit log.
        </NotAllowed>
      </section>
    );
  }
  const { value: page, problem } = loaded.data;
  const { cursor, ...filters } = query;
  const older = page?.nextCursor
    ? `/settings/audit?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`
    : null;
  const newest = cursor ? `/settings/audit?${new URLSearchParams(filters)}` : null;

  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Every change outside the incident timeline: people and roles, tokens, sign-ins, webhooks, workflows,
          on-call, alert rules and settings. Newest first, times in UTC; secrets are never recorded.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit log">
        <label className="flex flex-col gap-1">
          Actor
          <input
            name="actor"
            defaultValue={filters.actor ?? ""}
            placeholder="user id, token id or name"
            className={control}
          />
        </label>
        <label className="flex flex-col gap-1">
          Action
          <select name="action" defaultValue={filters.action ?? ""} className={control}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Target
          <select name="targetType" defaultValue={filters.targetType ?? ""} className={control}>
            <option value="">Any</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Target id
          <input name="targetId" defaultValue={filters.targetId ?? ""} className={control} />
        </label>
        <label className="flex flex-col gap-1">
          From
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={control} />
        </label>
        <label className="flex flex-col gap-1">
          To
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={control} />
        </label>
        <button
          type="submit"
          className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900"
        >
          Apply
        </button>
        {Object.keys(query).length > 0 && (
          <Link href="/settings/audit" className="py-1.5 text-slate-600 underline dark:text-slate-300">
            Clear
          </Link>
        )}
      </form>
      {problem ? (
        <FilterProblem
          errors={problem.errors}
          reset={{ href: "/settings/audit", label: "Show everything" }}
        />
      ) : page && page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No audit events{Object.keys(filters).length ? " match these filters" : " yet"}.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Audit events</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
              <tr>
                <th className="px-3 py-2">Time</th>
                <th className="px-3 py-2">Actor</th>
                <th className="px-3 py-2">Action</th>
                <th className="px-3 py-2">Target</th>
                <th className="px-3 py-2">Changes</th>
                <th className="px-3 py-2">IP</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
              {page?.items.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{time(event.occurredAt)}</td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{event.actor.name}</span>
                    <span className="block text-xs text-slate-500">
                      {event.actor.type}
                      {event.actor.id ? ` · ${event.actor.id}` : ""}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{event.action}</td>
                  <td className="px-3 py-2">
                    {event.target.name ?? event.target.id ?? "—"}
                    <span className="block text-xs text-slate-500">
                      {event.target.type}
                      {event.target.id && event.target.id !== event.target.name
                        ? ` · ${event.target.id}`
                        : ""}
                    </span>
                  </td>
                  <td className="max-w-md px-3 py-2">
                    <ul className="space-y-0.5 break-words font-mono text-xs">
                      {diffLines(event.diff).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs" title={event.userAgent ?? undefined}>
                    {event.ip ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(older || newest) && (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {newest && (
            <Link href={newest} className="underline">
              Newest
            </Link>
          )}
          {older && (
            <Link href={older} rel="next" className="underline">
              Older
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}

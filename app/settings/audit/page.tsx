import type { Metadata } from "next";
import Link from "next/link";
import { FilterProblem } from "@/components/filters/filter-problem";
import { type GetFilterField, GetFilterForm } from "@/components/filters/get-filter-form";
import { NotAllowed } from "@/components/not-allowed";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit/audit-actions";
import { diffLines } from "@/lib/audit/format-diff";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { type SearchParams, searchQuery } from "@/lib/http/search-query";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };
const FILTERS = ["actor", "action", "targetType", "targetId", "from", "to", "cursor"] as const;
const FIELDS: GetFilterField[] = [
  { name: "actor", label: "Actor", placeholder: "user id, token id or name" },
  { name: "action", label: "Action", options: AUDIT_ACTIONS },
  { name: "targetType", label: "Target", options: AUDIT_TARGET_TYPES },
  { name: "targetId", label: "Target id" },
  { name: "from", label: "From", type: "date" },
  { name: "to", label: "To", type: "date" },
];

const time = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);

export default async function AuditLogPage({ searchParams }: Props) {
  const query = searchQuery(await searchParams, FILTERS);
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
      <GetFilterForm
        label="Filter the audit log"
        fields={FIELDS}
        values={query}
        clearHref="/settings/audit"
      />
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

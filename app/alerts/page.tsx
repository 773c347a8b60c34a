import type { Metadata } from "next";
import Link from "next/link";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { AutoRefresh } from "@/components/auto-refresh";
import { LiveRefresh } from "@/components/live/live-refresh";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { NotAllowed } from "@/components/not-allowed";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { FilterProblem } from "@/components/filters/filter-problem";
import { type GetFilterField, GetFilterForm } from "@/components/filters/get-filter-form";
import { ALERT_SEVERITIES, ALERT_STATUSES } from "@/lib/alerts/schemas";
import { type SearchParams, searchQuery } from "@/lib/http/search-query";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };
const FILTERS = ["status", "severity", "service", "cursor"] as const;
const titled = (value: string) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) });
const FIELDS: GetFilterField[] = [
  { name: "status", label: "Status", options: ALERT_STATUSES.map(titled) },
  { name: "severity", label: "Severity", options: ALERT_SEVERITIES.map(titled) },
  { name: "service", label: "Service", placeholder: "checkout-api" },
];

export default async function AlertsPage({ searchParams }: Props) {
  const query = searchQuery(await searchParams, FILTERS);
  const returnTo = `/alerts${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`;
  const loaded = await loadPage(returnTo, (db, actor) =>
    catchInvalid(listAlerts(db, actor, { ...query, limit: "50" })),
  );
  if (!loaded.allowed) return <NotAllowed role={loaded.role} message={loaded.message} />;
  const { value: page, problem } = loaded.data;
  const next = page?.nextCursor
    ? `/alerts?${new URLSearchParams({ ...query, cursor: page.nextCursor })}`
    : null;

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <span>
            Firing first · times in UTC ·{" "}
            <Link href="/alerts/rules" className="underline">
              Alert rules
            </Link>
          </span>
          <LiveRefresh url="/api/dashboard/events?types=alert" />
        </p>
      </div>
      <GetFilterForm label="Filter alerts" fields={FIELDS} values={query} clearHref="/alerts" />
      {/* Fired, acknowledged and resolved arrive live; a repeat only bumps the count (no event), so that still polls, slowly. */}
      <AutoRefresh seconds={60} />
      {problem ? (
        <FilterProblem errors={problem.errors} />
      ) : page && page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No alerts{Object.keys(query).length ? " match these filters" : " yet"}. Alerts arrive from rules,
          Alertmanager, PagerDuty-compatible senders and <code>POST /api/alerts</code>.
        </p>
      ) : (
        page && (
          <AlertsTable
            alerts={page.items.map((a) => ({
              id: a.id,
              status: a.status,
              severity: a.severity,
              title: a.title,
              service: a.service,
              environment: a.environment,
              source: a.source,
              startsAt: a.startsAt,
              fireCount: a.fireCount,
            }))}
            pages={{ next: next ? { href: next, label: "Next page" } : undefined }}
          />
        )
      )}
    </section>
  );
}

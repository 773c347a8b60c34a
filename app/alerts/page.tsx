import type { Metadata } from "next";
import Link from "next/link";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { AutoRefresh } from "@/components/auto-refresh";
import { LiveRefresh } from "@/components/live/live-refresh";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { NotAllowed } from "@/components/not-allowed";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { FilterProblem } from "@/components/filters/filter-problem";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const FILTERS = ["status", "severity", "service", "cursor"] as const;
const select =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export default async function AlertsPage({ searchParams }: Props) {
  const params = await searchParams;
  const query: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params[key];
    if (typeof value === "string" && value.trim()) query[key] = value.trim();
  }
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
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter alerts">
        <label className="flex flex-col gap-1">
          Status
          <select name="status" defaultValue={query.status ?? ""} className={select}>
            <option value="">Any</option>
            <option value="firing">Firing</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Severity
          <select name="severity" defaultValue={query.severity ?? ""} className={select}>
            <option value="">Any</option>
            <option value="critical">Critical</option>
            <option value="warning">Warning</option>
            <option value="info">Info</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Service
          <input
            name="service"
            defaultValue={query.service ?? ""}
            placeholder="checkout-api"
            className={select}
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900"
        >
          Apply
        </button>
        {Object.keys(query).length > 0 && (
          <Link href="/alerts" className="py-1.5 text-slate-600 underline dark:text-slate-300">
            Clear
          </Link>
        )}
      </form>
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

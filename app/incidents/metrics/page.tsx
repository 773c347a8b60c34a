import type { Metadata } from "next";
import { Suspense } from "react";
import { FollowUpTable } from "@/components/metrics/follow-up-table";
import { FrequencyChart } from "@/components/metrics/frequency-chart";
import { MetricsFilters } from "@/components/metrics/metrics-filters";
import { TopServicesTable } from "@/components/metrics/top-services-table";
import { TimeMetricCards } from "@/components/metrics/time-metric-cards";
import { NotAllowed } from "@/components/not-allowed";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { metricsParams } from "@/lib/metrics/metrics-params";
import { getFollowUpMetrics } from "@/lib/postmortems/get-follow-up-metrics";
import { FilterProblem } from "@/components/filters/filter-problem";

export const metadata: Metadata = { title: "Incident metrics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EXPORTS = [
  ["times", "Time metrics"],
  ["frequency", "Frequency"],
  ["services", "Top services"],
] as const;

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function MetricsPage({ searchParams }: Props) {
  const params = metricsParams(await searchParams);
  const load = await loadPage(
    "/incidents/metrics",
    async (db, actor) => {
      const catalog = await listCatalog(db, actor);
      const { value: metrics, problem } = await catchInvalid(getIncidentMetrics(db, actor, params));
      return { metrics, catalog, problem };
    },
    { replicaRead: true },
  );
  if (!load.allowed) return <NotAllowed role={load.role} message={load.message} />;
  const { metrics, catalog, problem } = load.data;

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Incident metrics</h1>
        {metrics && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {day(metrics.window.from)} to {day(new Date(metrics.window.to.getTime() - 1))} (UTC), compared
            with the {Math.round((metrics.window.to.getTime() - metrics.window.from.getTime()) / 86_400_000)}{" "}
            days before.
          </p>
        )}
      </div>
      <MetricsFilters params={params} services={catalog.services} environments={catalog.environments} />
      {metrics && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          Export CSV:
          {EXPORTS.map(([table, label]) => (
            <a
              key={table}
              download
              href={`/api/dashboard/incidents/metrics?${new URLSearchParams({ ...params, format: "csv", table })}`}
              className="rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {label}
            </a>
          ))}
        </p>
      )}
      {problem && <FilterProblem errors={problem.errors} />}
      {metrics && (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat
              label="Incidents declared"
              value={metrics.incidents.count}
              hint={`${metrics.incidents.previous} in the previous period`}
            />
            <Stat
              label="Still open"
              value={metrics.incidents.open}
              hint="counted in frequency, not in MTTR"
            />
            <Stat
              label="With a known impact start"
              value={metrics.incidents.withImpactStart}
              hint={`of ${metrics.incidents.count}; MTTD counts only these (the others have no reported start)`}
            />
            <Stat
              label="With a measured impact start"
              value={metrics.incidents.withMeasuredImpactStart}
              hint={`of ${metrics.incidents.withImpactStart} known; taken from the first breach of a linked alert, not a guess`}
            />
          </div>
          <TimeMetricCards times={metrics.times} incidents={metrics.incidents.count} />
          <div className="grid gap-6 lg:grid-cols-3">
            <section
              className="rounded-lg border border-slate-200 bg-white p-4 lg:col-span-2 dark:border-slate-800 dark:bg-slate-900"
              aria-label="Incident frequency"
            >
              <h2 className="mb-2 text-sm font-semibold">
                Incidents per {metrics.frequency.interval} by severity
              </h2>
              <FrequencyChart buckets={metrics.frequency.buckets} interval={metrics.frequency.interval} />
            </section>
            <section
              className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
              aria-label="Top affected services"
            >
              <h2 className="mb-2 text-sm font-semibold">Top affected services</h2>
              <TopServicesTable
                rows={metrics.topServices}
                from={day(metrics.window.from)}
                to={day(new Date(metrics.window.to.getTime() - 1))}
              />
            </section>
          </div>
          <section
            className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
            aria-label="Follow-up by service"
          >
            <h2 className="mb-3 text-sm font-semibold">Follow-up by service</h2>
            {/* Streamed: it scans the window and the 90 days before it, so it must not hold back the page's first byte. */}
            <Suspense fallback={<p className="text-sm text-slate-500">Working out the follow-up figures…</p>}>
              <FollowUp window={metrics.window} />
            </Suspense>
          </section>
        </>
      )}
    </section>
  );
}

async function FollowUp({ window }: { window: { from: Date; to: Date } }) {
  const load = await loadPage("/incidents/metrics", (db, actor) => getFollowUpMetrics(db, actor, window), {
    replicaRead: true,
  });
  return load.allowed ? <FollowUpTable rows={load.data} /> : null;
}

function Stat({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );
}

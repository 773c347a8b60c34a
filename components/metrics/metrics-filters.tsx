import Link from "next/link";
import { FilterInput, FilterSelect } from "@/components/filters/filter-fields";
import { CleanGetForm } from "@/components/incidents-list/clean-get-form";
import type { EnvironmentOption, ServiceOption } from "@/lib/catalog/list-catalog";
import { SEVERITIES } from "@/lib/incidents/severity";

type Props = { params: Record<string, string>; services: ServiceOption[]; environments: EnvironmentOption[] };

const withParams = (params: Record<string, string>, change: Record<string, string | undefined>) => {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...change })) if (v) next.set(k, v);
  const text = next.toString();
  return `/incidents/metrics${text ? `?${text}` : ""}`;
};

/** Presets and filters live in the URL, like the list's: shareable and back-button friendly. */
export function MetricsFilters({ params, services, environments }: Props) {
  const custom = !!(params.from || params.to);
  const activeRange = custom ? null : (params.range ?? "30d");
  const pill = (active: boolean) =>
    `rounded-full px-3 py-1 text-sm ${active ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Range</span>
        {(["7d", "30d", "90d"] as const).map((range) => (
          <Link
            key={range}
            href={withParams(params, { range, from: undefined, to: undefined })}
            className={pill(activeRange === range)}
            aria-current={activeRange === range ? "true" : undefined}
          >
            Last {range.replace("d", " days")}
          </Link>
        ))}
        <span className="ml-auto text-xs font-medium uppercase tracking-wide text-slate-500">Per</span>
        {(["week", "month"] as const).map((interval) => (
          <Link
            key={interval}
            href={withParams(params, { interval })}
            className={pill((params.interval ?? "week") === interval)}
            aria-current={(params.interval ?? "week") === interval ? "true" : undefined}
          >
            {interval}
          </Link>
        ))}
      </div>
      <CleanGetForm
        action="/incidents/metrics"
        aria-label="Metrics filters"
        className="grid gap-3 sm:grid-cols-3 lg:grid-cols-[1fr_1fr_1fr_1fr_1fr_auto] lg:items-end"
      >
        {params.interval && <input type="hidden" name="interval" value={params.interval} />}
        <FilterInput id="m-from" name="from" type="date" label="From" value={params.from} />
        <FilterInput id="m-to" name="to" type="date" label="To" value={params.to} />
        <FilterSelect
          id="m-service"
          name="service"
          label="Service"
          value={params.service}
          allLabel="All services"
          options={services.map((s) => ({ value: s.slug, label: s.slug }))}
        />
        <FilterSelect
          id="m-environment"
          name="environment"
          label="Environment"
          value={params.environment}
          allLabel="All environments"
          options={environments.map((e) => ({ value: e.slug, label: e.name }))}
        />
        <FilterSelect
          id="m-severity"
          name="severity"
          label="Severity"
          value={params.severity}
          allLabel="All severities"
          options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        />
        <div className="flex gap-2">
          {params.range && <input type="hidden" name="range" value={params.range} />}
          <button
            type="submit"
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 dark:bg-slate-100 dark:text-slate-900"
          >
            Apply
          </button>
          <Link
            href="/incidents/metrics"
            className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Reset
          </Link>
        </div>
      </CleanGetForm>
    </div>
  );
}

import Link from "next/link";
import { CleanGetForm } from "@/components/incidents-list/clean-get-form";
import type { EnvironmentOption, ServiceOption } from "@/lib/catalog/list-catalog";
import { SEVERITIES } from "@/lib/incidents/severity";

const field =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 dark:border-slate-700 dark:bg-slate-900";

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
          <Link key={range} href={withParams(params, { range, from: undefined, to: undefined })} className={pill(activeRange === range)} aria-current={activeRange === range ? "true" : undefined}>
            Last {range.replace("d", " days")}
          </Link>
        ))}
        <span className="ml-auto text-xs font-medium uppercase tracking-wide text-slate-500">Per</span>
        {(["week", "month"] as const).map((interval) => (
          <Link key={interval} href={withParams(params, { interval })} className={pill((params.interval ?? "week") === interval)} aria-current={(params.interval ?? "week") === interval ? "true" : undefined}>
            {interval}
          </Link>
        ))}
      </div>
      <CleanGetForm action="/incidents/metrics" aria-label="Metrics filters" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-[1fr_1fr_1fr_1fr_1fr_auto] lg:items-end">
        {params.interval && <input type="hidden" name="interval" value={params.interval} />}
        <div>
          <label htmlFor="m-from" className="text-xs font-medium text-slate-600 dark:text-slate-400">From</label>
          <input id="m-from" name="from" type="date" defaultValue={params.from} className={field} />
        </div>
        <div>
          <label htmlFor="m-to" className="text-xs font-medium text-slate-600 dark:text-slate-400">To</label>
          <input id="m-to" name="to" type="date" defaultValue={params.to} className={field} />
        </div>
        <div>
          <label htmlFor="m-service" className="text-xs font-medium text-slate-600 dark:text-slate-400">Service</label>
          <select id="m-service" name="service" defaultValue={params.service ?? ""} className={field}>
            <option value="">All services</option>
            {services.map((s) => <option key={s.slug} value={s.slug}>{s.slug}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="m-environment" className="text-xs font-medium text-slate-600 dark:text-slate-400">Environment</label>
          <select id="m-environment" name="environment" defaultValue={params.environment ?? ""} className={field}>
            <option value="">All environments</option>
            {environments.map((e) => <option key={e.slug} value={e.slug}>{e.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="m-severity" className="text-xs font-medium text-slate-600 dark:text-slate-400">Severity</label>
          <select id="m-severity" name="severity" defaultValue={params.severity ?? ""} className={field}>
            <option value="">All severities</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div className="flex gap-2">
          {params.range && <input type="hidden" name="range" value={params.range} />}
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 dark:bg-slate-100 dark:text-slate-900">Apply</button>
          <Link href="/incidents/metrics" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">Reset</Link>
        </div>
      </CleanGetForm>
    </div>
  );
}

import Link from "next/link";
import { CleanGetForm } from "./clean-get-form";
import type { EnvironmentOption, ServiceOption } from "@/lib/catalog/list-catalog";
import { STATUSES } from "@/lib/incidents/lifecycle";
import { SEVERITIES } from "@/lib/incidents/severity";

const field =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 dark:border-slate-700 dark:bg-slate-900";
const chip =
  "inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-1 text-xs capitalize has-[:checked]:border-slate-900 has-[:checked]:bg-slate-900 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400 dark:border-slate-700 dark:has-[:checked]:border-slate-100 dark:has-[:checked]:bg-slate-100 dark:has-[:checked]:text-slate-900";

type Props = { query: Record<string, string>; services: ServiceOption[]; environments: EnvironmentOption[] };

/**
 * A plain GET form: the filters live in the URL, so a filtered list can be shared, reloaded and
 * navigated with the back button, and it works before any JavaScript has loaded.
 */
export function FilterBar({ query, services, environments }: Props) {
  const selected = (key: string) => new Set((query[key] ?? "").split(",").filter(Boolean));
  const statuses = selected("status");
  const severities = selected("severity");
  return (
    <CleanGetForm action="/incidents" role="search" aria-label="Filter incidents" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="sr-only">Status</legend>
          <span aria-hidden className="mr-1 text-xs font-medium uppercase tracking-wide text-slate-500">Status</span>
          {STATUSES.map((status) => (
            <label key={status} className={chip}>
              <input type="checkbox" name="status" value={status} defaultChecked={statuses.has(status)} className="sr-only" />
              {status}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="sr-only">Severity</legend>
          <span aria-hidden className="mr-1 text-xs font-medium uppercase tracking-wide text-slate-500">Severity</span>
          {SEVERITIES.map((severity) => (
            <label key={severity} className={chip}>
              <input type="checkbox" name="severity" value={severity} defaultChecked={severities.has(severity)} className="sr-only" />
              {severity}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto] lg:items-end">
        <div>
          <label htmlFor="filter-q" className="text-xs font-medium text-slate-600 dark:text-slate-400">Search</label>
          <input id="filter-q" name="q" type="search" defaultValue={query.q} placeholder="Title or INC-2026-0042" className={field} />
        </div>
        <div>
          <label htmlFor="filter-service" className="text-xs font-medium text-slate-600 dark:text-slate-400">Service</label>
          <select id="filter-service" name="service" defaultValue={query.service ?? ""} className={field}>
            <option value="">All services</option>
            {services.map((s) => <option key={s.slug} value={s.slug}>{s.slug}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="filter-environment" className="text-xs font-medium text-slate-600 dark:text-slate-400">Environment</label>
          <select id="filter-environment" name="environment" defaultValue={query.environment ?? ""} className={field}>
            <option value="">All environments</option>
            {environments.map((e) => <option key={e.slug} value={e.slug}>{e.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="filter-from" className="text-xs font-medium text-slate-600 dark:text-slate-400">Declared from</label>
          <input id="filter-from" name="from" type="date" defaultValue={query.from?.slice(0, 10)} className={field} />
        </div>
        <div>
          <label htmlFor="filter-to" className="text-xs font-medium text-slate-600 dark:text-slate-400">Declared to</label>
          <input id="filter-to" name="to" type="date" defaultValue={query.to?.slice(0, 10)} className={field} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 dark:bg-slate-100 dark:text-slate-900">
            Apply
          </button>
          <Link href="/incidents" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:text-slate-300 dark:hover:bg-slate-800">
            Clear
          </Link>
        </div>
      </div>
    </CleanGetForm>
  );
}

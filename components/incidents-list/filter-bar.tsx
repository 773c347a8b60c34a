import Link from "next/link";
import { FilterInput, FilterSelect } from "@/components/filters/filter-fields";
import { CleanGetForm } from "./clean-get-form";
import type { EnvironmentOption, ServiceOption } from "@/lib/catalog/list-catalog";
import { STATUSES } from "@/lib/incidents/lifecycle";
import { SEVERITIES } from "@/lib/incidents/severity";

const chip =
  "inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-1 text-xs capitalize has-[:checked]:border-slate-900 has-[:checked]:bg-slate-900 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400 dark:border-slate-700 dark:has-[:checked]:border-slate-100 dark:has-[:checked]:bg-slate-100 dark:has-[:checked]:text-slate-900";

type Props = { query: Record<string, string>; services: ServiceOption[]; environments: EnvironmentOption[] };

/**
 * A plain GET form: the filters live in the URL, so a filtered list can be shared, reloaded and
 * navigated with the back button, and it works before any JavaScript has loaded.
 */
export function FilterBar({ query, services, environments }: Props) {
  const selected = (key: string) => new Set((query[key] ?? "").split(",").filter(Boolean));
  return (
    <CleanGetForm
      action="/incidents"
      role="search"
      aria-label="Filter incidents"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <ChipGroup name="status" label="Status" values={STATUSES} selected={selected("status")} />
        <ChipGroup name="severity" label="Severity" values={SEVERITIES} selected={selected("severity")} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto] lg:items-end">
        <FilterInput
          id="filter-q"
          name="q"
          type="search"
          label="Search"
          value={query.q}
          placeholder="Title or INC-2026-0042"
        />
        <FilterSelect
          id="filter-service"
          name="service"
          label="Service"
          value={query.service}
          allLabel="All services"
          options={services.map((s) => ({ value: s.slug, label: s.slug }))}
        />
        <FilterSelect
          id="filter-environment"
          name="environment"
          label="Environment"
          value={query.environment}
          allLabel="All environments"
          options={environments.map((e) => ({ value: e.slug, label: e.name }))}
        />
        <FilterInput
          id="filter-from"
          name="from"
          type="date"
          label="Declared from"
          value={query.from?.slice(0, 10)}
        />
        <FilterInput
          id="filter-to"
          name="to"
          type="date"
          label="Declared to"
          value={query.to?.slice(0, 10)}
        />
        <div className="flex gap-2">
          <button
            type="submit"
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 dark:bg-slate-100 dark:text-slate-900"
          >
            Apply
          </button>
          <Link
            href="/incidents"
            className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Clear
          </Link>
        </div>
      </div>
    </CleanGetForm>
  );
}

/** Checkbox chips for one repeated URL parameter (`status=declared&status=mitigated`). */
function ChipGroup({
  name,
  label,
  values,
  selected,
}: {
  name: string;
  label: string;
  values: readonly string[];
  selected: Set<string>;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-1.5">
      <legend className="sr-only">{label}</legend>
      <span aria-hidden className="mr-1 text-xs font-medium uppercase tracking-wide text-slate-500">
        {label}
      </span>
      {values.map((value) => (
        <label key={value} className={chip}>
          <input
            type="checkbox"
            name={name}
            value={value}
            defaultChecked={selected.has(value)}
            className="sr-only"
          />
          {value}
        </label>
      ))}
    </fieldset>
  );
}

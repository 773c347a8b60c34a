import { SEVERITY_TABLE, type Severity } from "@/lib/incidents/severity";
import type { Status } from "@/lib/incidents/lifecycle";

const severityClass: Record<Severity, string> = {
  SEV1: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200",
  SEV2: "bg-orange-100 text-orange-800 ring-orange-600/30 dark:bg-orange-950 dark:text-orange-200",
  SEV3: "bg-yellow-100 text-yellow-900 ring-yellow-600/30 dark:bg-yellow-950 dark:text-yellow-200",
  SEV4: "bg-blue-100 text-blue-800 ring-blue-600/30 dark:bg-blue-950 dark:text-blue-200",
};

const statusClass: Record<Status, string> = {
  declared: "bg-rose-700 text-white",
  investigating: "bg-amber-500 text-slate-950",
  mitigated: "bg-sky-700 text-white",
  resolved: "bg-emerald-700 text-white",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      title={`${SEVERITY_TABLE[severity].name}: ${SEVERITY_TABLE[severity].description}`}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${severityClass[severity]}`}
    >
      {severity}
    </span>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium capitalize ${statusClass[status]}`}
    >
      {status}
    </span>
  );
}

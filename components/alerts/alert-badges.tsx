import type { AlertView } from "@/lib/alerts/views";

const severityClass: Record<AlertView["severity"], string> = {
  critical: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200",
  warning: "bg-yellow-100 text-yellow-900 ring-yellow-600/30 dark:bg-yellow-950 dark:text-yellow-200",
  info: "bg-blue-100 text-blue-800 ring-blue-600/30 dark:bg-blue-950 dark:text-blue-200",
};

export function AlertSeverityBadge({ severity }: { severity: AlertView["severity"] }) {
  return (
    <span
      className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${severityClass[severity]}`}
    >
      {severity}
    </span>
  );
}

export function AlertStatusBadge({ status }: { status: AlertView["status"] }) {
  return (
    <span
      className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold ${status === "firing" ? "bg-rose-700 text-white" : "bg-emerald-700 text-white"}`}
    >
      {status}
    </span>
  );
}

export const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

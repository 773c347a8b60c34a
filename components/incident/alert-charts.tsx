"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import type { ChartMarker } from "@/components/alerts/alert-chart";
import type { IncidentAlertChart } from "@/lib/alerts/incident-alerts";

// recharts is fetched only when an incident has a chart to show; the page without linked alerts stays light.
const AlertChart = dynamic(() => import("@/components/alerts/alert-chart").then((m) => m.AlertChart), {
  ssr: false,
  loading: () => <div className="h-56 w-full animate-pulse rounded bg-slate-100 dark:bg-slate-800" aria-hidden />,
});

/** The metric of each linked alert, with its threshold and the incident's phases as vertical lines. */
export function AlertCharts({ charts, markers }: { charts: IncidentAlertChart[]; markers: ChartMarker[] }) {
  return (
    <div className="space-y-4">
      {charts.map(({ alert, chart }) => (
        <div key={alert.id} data-alert-chart={alert.id}>
          <p className="mb-1 text-sm">
            <Link href={`/alerts/${alert.id}`} className="font-medium hover:underline">{alert.title}</Link>
            <span className="text-slate-500"> · {alert.status}</span>
          </p>
          <AlertChart chart={chart} markers={markers} />
        </div>
      ))}
    </div>
  );
}

import Link from "next/link";
import { AlertChart, type ChartMarker } from "@/components/alerts/alert-chart";
import type { IncidentAlertChart } from "@/lib/alerts/incident-alerts";

/** The metric of each linked alert, with its threshold and the incident's phases as vertical lines. */
export function AlertCharts({ charts, markers }: { charts: IncidentAlertChart[]; markers: ChartMarker[] }) {
  return (
    <div className="space-y-4">
      {charts.map(({ alert, chart }) => (
        <div key={alert.id} data-alert-chart={alert.id}>
          <p className="mb-1 text-sm">
            <Link href={`/alerts/${alert.id}`} className="font-medium hover:underline">
              {alert.title}
            </Link>
            <span className="text-slate-500"> · {alert.status}</span>
          </p>
          <AlertChart chart={chart} markers={markers} />
        </div>
      ))}
    </div>
  );
}

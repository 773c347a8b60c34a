import { LineChart } from "@/components/charts/line-chart";
import type { AlertChart as AlertChartData } from "@/lib/alerts/alert-chart";

const LABEL = {
  error_rate: "Error rate (%)",
  latency_p95: "p95 latency (ms)",
  throughput: "Throughput (req/s)",
} as const;
const clock = (t: number) => new Date(t).toISOString().slice(11, 16);

export type ChartMarker = { label: string; t: number };

/** The alert's metric around the event: the firing window shaded, the threshold as a line, and optional markers (an incident's phases). */
export function AlertChart({ chart, markers = [] }: { chart: AlertChartData; markers?: ChartMarker[] }) {
  const format =
    chart.metric === "error_rate"
      ? (v: number) => (v * 100).toFixed(v < 0.1 ? 1 : 0)
      : (v: number) => Math.round(v).toString();
  return (
    <figure
      className="h-56 w-full"
      aria-label={LABEL[chart.metric]}
      data-points={chart.points.length}
      data-markers={markers.map((m) => m.label).join(" ")}
    >
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        {LABEL[chart.metric]} ·{" "}
        {chart.bucketMinutes > 1
          ? `${chart.bucketMinutes}-minute buckets (worst value)`
          : "one point per minute"}{" "}
        · UTC
      </figcaption>
      <LineChart
        className="h-[88%] w-full"
        points={chart.points}
        from={chart.from}
        to={chart.to}
        format={format}
        formatTime={clock}
        bands={[{ x1: chart.startsAt, x2: chart.endsAt ?? chart.to, fill: "#ef4444" }]}
        levels={
          chart.threshold !== null
            ? [
                {
                  y: chart.threshold,
                  stroke: "#be123c",
                  dash: "4 2",
                  label: `threshold ${format(chart.threshold)}`,
                },
              ]
            : []
        }
        marks={markers.map((m) => ({ x: m.t, label: m.label, stroke: "#2563eb", dash: "2 2" }))}
      />
    </figure>
  );
}

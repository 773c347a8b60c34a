import { LineChart } from "@/components/charts/line-chart";
import type { PostmortemView } from "@/lib/postmortems/schemas";

type Snapshot = PostmortemView["metricSnapshot"];
const clock = (t: number) => new Date(t).toISOString().slice(11, 16);

function Chart({
  snapshot,
  points,
  dataKey,
  label,
  format,
}: {
  snapshot: Snapshot;
  points: Snapshot["services"][number]["points"];
  dataKey: "errorRate" | "latencyP95Ms";
  label: string;
  format: (v: number) => string;
}) {
  return (
    <figure className="h-40 w-full" aria-label={label}>
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{label}</figcaption>
      <LineChart
        className="h-[88%] w-full"
        points={points.map((p) => ({ t: p.t, value: p[dataKey] }))}
        from={snapshot.from}
        to={snapshot.to}
        format={format}
        formatTime={clock}
      />
    </figure>
  );
}

/** The frozen series of the incident window: they survive telemetry retention. */
export function SnapshotCharts({ snapshot }: { snapshot: Snapshot }) {
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">
        Frozen {snapshot.capturedAt.slice(0, 16).replace("T", " ")} UTC; {snapshot.bucketMinutes}-minute
        points; times in UTC.
      </p>
      {snapshot.services.map(({ service, points }) => (
        <div key={service}>
          <h3 className="mb-2 text-sm font-medium">{service}</h3>
          {points.length === 0 ? (
            <p className="text-sm text-slate-500">
              No health data was recorded for this service in the incident window.
            </p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              <Chart
                snapshot={snapshot}
                points={points}
                dataKey="errorRate"
                label="Error rate (%)"
                format={(v) => `${(v * 100).toFixed(1)}`}
              />
              <Chart
                snapshot={snapshot}
                points={points}
                dataKey="latencyP95Ms"
                label="p95 latency (ms)"
                format={(v) => `${Math.round(v)}`}
              />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

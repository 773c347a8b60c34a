"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PostmortemView } from "@/lib/postmortems/schemas";

type Snapshot = PostmortemView["metricSnapshot"];
const clock = (t: number) => new Date(t).toISOString().slice(11, 16);

function Chart({ snapshot, points, dataKey, label, format }: { snapshot: Snapshot; points: Snapshot["services"][number]["points"]; dataKey: "errorRate" | "latencyP95Ms"; label: string; format: (v: number) => string }) {
  return (
    <figure className="h-40 w-full" aria-label={label}>
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{label}</figcaption>
      <ResponsiveContainer width="100%" height="88%">
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[snapshot.from, snapshot.to]} tickFormatter={clock} tick={{ fontSize: 10, fill: "currentColor" }} />
          <YAxis tickFormatter={format} tick={{ fontSize: 10, fill: "currentColor" }} width={44} />
          <Tooltip labelFormatter={(t) => `${new Date(Number(t)).toISOString().slice(0, 16).replace("T", " ")} UTC`} formatter={(v) => [format(Number(v)), label]} contentStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey={dataKey} stroke="#475569" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The frozen series of the incident window: they survive telemetry retention. */
export function SnapshotCharts({ snapshot }: { snapshot: Snapshot }) {
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">Frozen {snapshot.capturedAt.slice(0, 16).replace("T", " ")} UTC; {snapshot.bucketMinutes}-minute points; times in UTC.</p>
      {snapshot.services.map(({ service, points }) => (
        <div key={service}>
          <h3 className="mb-2 text-sm font-medium">{service}</h3>
          {points.length === 0 ? (
            <p className="text-sm text-slate-500">No health data was recorded for this service in the incident window.</p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              <Chart snapshot={snapshot} points={points} dataKey="errorRate" label="Error rate (%)" format={(v) => `${(v * 100).toFixed(1)}`} />
              <Chart snapshot={snapshot} points={points} dataKey="latencyP95Ms" label="p95 latency (ms)" format={(v) => `${Math.round(v)}`} />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

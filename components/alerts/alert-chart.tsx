"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AlertChart as AlertChartData } from "@/lib/alerts/alert-chart";

const LABEL = { error_rate: "Error rate (%)", latency_p95: "p95 latency (ms)", throughput: "Throughput (req/s)" } as const;
const clock = (t: number) => new Date(t).toISOString().slice(11, 16);
const dayAndClock = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");

export type ChartMarker = { label: string; t: number };

/** The alert's metric around the event: the firing window shaded, the threshold as a line, and optional markers (an incident's phases). */
export function AlertChart({ chart, markers = [] }: { chart: AlertChartData; markers?: ChartMarker[] }) {
  const format = chart.metric === "error_rate" ? (v: number) => (v * 100).toFixed(v < 0.1 ? 1 : 0) : (v: number) => Math.round(v).toString();
  return (
    <figure className="h-56 w-full" aria-label={LABEL[chart.metric]} data-points={chart.points.length} data-markers={markers.map((m) => m.label).join(" ")}>
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        {LABEL[chart.metric]} · {chart.bucketMinutes > 1 ? `${chart.bucketMinutes}-minute buckets (worst value)` : "one point per minute"} · UTC
      </figcaption>
      <ResponsiveContainer width="100%" height="88%">
        <LineChart data={chart.points} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[chart.from, chart.to]} tickFormatter={clock} tick={{ fontSize: 10, fill: "currentColor" }} />
          <YAxis tickFormatter={format} tick={{ fontSize: 10, fill: "currentColor" }} width={44} />
          <ReferenceArea x1={chart.startsAt} x2={chart.endsAt ?? chart.to} fill="#ef4444" fillOpacity={0.08} ifOverflow="hidden" />
          {chart.threshold !== null && (
            <ReferenceLine y={chart.threshold} stroke="#be123c" strokeDasharray="4 2" label={{ value: `threshold ${format(chart.threshold)}`, position: "insideTopRight", fontSize: 10, fill: "#be123c" }} />
          )}
          {markers.filter((m) => m.t >= chart.from && m.t <= chart.to).map((m) => (
            // Labels face into the chart so a marker near the right edge is not clipped.
            <ReferenceLine key={m.label} x={m.t} stroke="#2563eb" strokeDasharray="2 2" label={{ value: m.label, position: m.t > (chart.from + chart.to) / 2 ? "insideTopRight" : "insideTopLeft", fontSize: 10, fill: "#2563eb" }} />
          ))}
          <Tooltip labelFormatter={(t) => `${dayAndClock(Number(t))} UTC`} formatter={(v) => [format(Number(v)), LABEL[chart.metric]]} contentStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="value" stroke="#475569" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The same hues as the severity badges: SEV1 red, SEV2 orange, SEV3 yellow, SEV4 blue.
const COLOURS = { SEV1: "#dc2626", SEV2: "#ea580c", SEV3: "#ca8a04", SEV4: "#2563eb" } as const;

type Bucket = { start: string; total: number; SEV1: number; SEV2: number; SEV3: number; SEV4: number };

export function FrequencyChart({ buckets, interval }: { buckets: Bucket[]; interval: "week" | "month" }) {
  const label = (start: string) => (interval === "month" ? start.slice(0, 7) : start.slice(5));
  return (
    <figure aria-label={`Incidents per ${interval} by severity`} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="start" tickFormatter={label} tick={{ fontSize: 11, fill: "currentColor" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "currentColor" }} />
          <Tooltip labelFormatter={(value) => `${interval === "month" ? "Month" : "Week"} of ${value}`} contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {(Object.keys(COLOURS) as (keyof typeof COLOURS)[]).map((severity) => (
            <Bar key={severity} dataKey={severity} stackId="severity" fill={COLOURS[severity]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {buckets.map((b) => `${label(b.start)}: ${b.total} (SEV1 ${b.SEV1}, SEV2 ${b.SEV2}, SEV3 ${b.SEV3}, SEV4 ${b.SEV4})`).join("; ")}
      </figcaption>
    </figure>
  );
}

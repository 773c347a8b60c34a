"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReleaseView } from "@/lib/releases/schemas";
import type { IncidentHealth } from "@/lib/telemetry/get-incident-health";

const MARKER_COLOURS: Record<string, string> = { declared: "#be123c", investigating: "#d97706", mitigated: "#0369a1", resolved: "#047857" };

const clock = (t: number) => new Date(t).toISOString().slice(11, 16);
const dayAndClock = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");

const RELEASE_COLOUR = "#7c3aed";

/** One health series of a service, with the phase markers, releases and the impact window shaded. */
export function HealthChart({ health, points, dataKey, label, unit, format, releases = [] }: {
  health: IncidentHealth;
  releases?: ReleaseView[];
  points: IncidentHealth["services"][number]["points"];
  dataKey: "errorRate" | "latencyP95Ms";
  label: string;
  unit: string;
  format: (v: number) => string;
}) {
  const long = health.to - health.from > 36 * 3600_000;
  return (
    <figure className="h-44 w-full" aria-label={`${label} (${unit.trim()})`}>
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{label} ({unit.trim()})</figcaption>
      <ResponsiveContainer width="100%" height="88%">
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[health.from, health.to]} tickFormatter={long ? dayAndClock : clock} tick={{ fontSize: 10, fill: "currentColor" }} />
          <YAxis tickFormatter={format} tick={{ fontSize: 10, fill: "currentColor" }} width={44} />
          <ReferenceArea x1={health.impact.from} x2={health.impact.to} fill="#ef4444" fillOpacity={0.08} ifOverflow="hidden" />
          {health.markers.map((m, index) => (
            // Labels alternate top and bottom: phases often follow each other within minutes.
            <ReferenceLine key={m.label} x={m.t} stroke={MARKER_COLOURS[m.label]} strokeDasharray="4 2"
              label={{ value: m.label, position: `inside${index % 2 ? "Bottom" : "Top"}${index === health.markers.length - 1 && index > 0 ? "Right" : "Left"}` as "insideTopLeft", fontSize: 10, fill: MARKER_COLOURS[m.label] }} />
          ))}
          {releases.map((r) => (
            <ReferenceLine key={r.id} x={r.deployedAt.getTime()} stroke={RELEASE_COLOUR} strokeWidth={1.5}
              label={{ value: `▲ ${r.version}`, position: "insideBottomRight", fontSize: 10, fill: RELEASE_COLOUR }} />
          ))}
          <Tooltip labelFormatter={(t) => `${dayAndClock(Number(t))} UTC`} formatter={(v) => [format(Number(v)) + unit, label]} contentStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey={dataKey} stroke="#475569" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

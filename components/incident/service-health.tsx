"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReleaseView } from "@/lib/releases/schemas";
import type { IncidentHealth } from "@/lib/telemetry/get-incident-health";

const MARKER_COLOURS: Record<string, string> = { declared: "#be123c", investigating: "#d97706", mitigated: "#0369a1", resolved: "#047857" };

const clock = (t: number) => new Date(t).toISOString().slice(11, 16);
const dayAndClock = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");

type Props = { health: IncidentHealth; releases?: ReleaseView[] };
const RELEASE_COLOUR = "#7c3aed";

function Chart({ health, points, dataKey, label, unit, format, releases = [] }: {
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

/** Error rate and p95 latency of each affected service, with the phase markers and the impact window shaded. */
export function ServiceHealth({ health, releases = [] }: Props) {
  return (
    <div className="space-y-5">
      <p className="text-xs text-slate-500">
        Shaded: impact window.{releases.length > 0 && " Purple lines: releases."} {health.bucketMinutes > 1 ? `Each point is ${health.bucketMinutes} minutes (mean error rate, worst p95).` : "One point per minute."} Times in UTC.
      </p>
      {health.services.map(({ service, points }) => (
        <section key={service} aria-label={`Health of ${service}`} data-points={points.length} data-releases={releases.filter((r) => r.service === service).length}>
          <h3 className="mb-2 text-sm font-medium">{service}</h3>
          {points.length === 0 ? (
            <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <p>No health data for {service} in this window.</p>
              {releases.some((r) => r.service === service) && (
                <p className="mt-1">Releases in this window: {releases.filter((r) => r.service === service).map((r) => `${r.version} at ${clock(r.deployedAt.getTime())}`).join(", ")}.</p>
              )}
              <p className="mt-1 text-xs">
                Send 1-minute points to <code>POST /api/ingest/metrics</code> with an API token:{" "}
                <code className="break-all">{`{"points":[{"service":"${service}","environment":"production","timestamp":"2026-03-15T14:35:00Z","errorRate":0.02,"latencyP95Ms":340,"requestRate":120}]}`}</code>
              </p>
            </div>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              <Chart health={health} releases={releases.filter((r) => r.service === service)} points={points} dataKey="errorRate" label="Error rate" unit="%" format={(v) => (v * 100).toFixed(v < 0.1 ? 1 : 0)} />
              <Chart health={health} releases={releases.filter((r) => r.service === service)} points={points} dataKey="latencyP95Ms" label="p95 latency" unit=" ms" format={(v) => Math.round(v).toString()} />
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

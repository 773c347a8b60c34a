import { LineChart, type VerticalMark } from "@/components/charts/line-chart";
import type { ReleaseView } from "@/lib/releases/schemas";
import type { IncidentHealth } from "@/lib/telemetry/get-incident-health";

const MARKER_COLOURS: Record<string, string> = {
  declared: "#be123c",
  investigating: "#d97706",
  mitigated: "#0369a1",
  resolved: "#047857",
};

const clock = (t: number) => new Date(t).toISOString().slice(11, 16);
const dayAndClock = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");

const RELEASE_COLOUR = "#7c3aed";

/** One health series of a service, with the phase markers, releases and the impact window shaded. */
export function HealthChart({
  health,
  points,
  dataKey,
  label,
  unit,
  format,
  releases = [],
}: {
  health: IncidentHealth;
  releases?: ReleaseView[];
  points: IncidentHealth["services"][number]["points"];
  dataKey: "errorRate" | "latencyP95Ms";
  label: string;
  unit: string;
  format: (v: number) => string;
}) {
  const long = health.to - health.from > 36 * 3600_000;
  const marks: VerticalMark[] = [
    // Labels alternate top and bottom: phases often follow each other within minutes.
    ...health.markers.map((m, index) => ({
      x: m.t,
      label: m.label,
      stroke: MARKER_COLOURS[m.label],
      dash: "4 2",
      labelAt: index % 2 ? ("bottom" as const) : ("top" as const),
    })),
    ...releases.map((r) => ({
      x: r.deployedAt.getTime(),
      label: `▲ ${r.version}`,
      stroke: RELEASE_COLOUR,
      strokeWidth: 1.5,
      labelAt: "bottom" as const,
    })),
  ];
  return (
    <figure className="h-44 w-full" aria-label={`${label} (${unit.trim()})`}>
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        {label} ({unit.trim()})
      </figcaption>
      <LineChart
        className="h-[88%] w-full"
        points={points.map((p) => ({ t: p.t, value: p[dataKey] }))}
        from={health.from}
        to={health.to}
        format={format}
        formatTime={long ? dayAndClock : clock}
        bands={[{ x1: health.impact.from, x2: health.impact.to, fill: "#ef4444" }]}
        marks={marks}
      />
    </figure>
  );
}

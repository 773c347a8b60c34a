// A time-series line as plain SVG: no charting library, so a page with charts ships no more script
// than one without (recharts was ~130 kB gzipped). Renders on the server or in a client component.
// Hover a point of a short series for its value (native <title>); the figure carries the accessible name.

export type VerticalMark = {
  x: number;
  label?: string;
  stroke: string;
  dash?: string;
  strokeWidth?: number;
  labelAt?: "top" | "bottom";
};
export type Band = { x1: number; x2: number; fill: string; opacity?: number };
export type Level = { y: number; label?: string; stroke: string; dash?: string };
type Point = { t: number; value: number | null };

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { top: 6, right: 10, bottom: 20, left: 46 };

function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  const out: number[] = [];
  for (let i = 0; i * step <= max + step * 1e-9 || out.length < 2; i++)
    out.push(Number((i * step).toPrecision(12)));
  if (out[out.length - 1] < max) out.push(Number((out.length * step).toPrecision(12)));
  return out;
}

export function LineChart(props: {
  points: Point[];
  from: number;
  to: number;
  format: (v: number) => string;
  formatTime: (t: number) => string;
  bands?: Band[];
  marks?: VerticalMark[];
  levels?: Level[];
  className?: string;
}) {
  const { points, from, to, format, formatTime, bands = [], marks = [], levels = [] } = props;
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const yTicks = niceTicks(Math.max(0, ...values, ...levels.map((l) => l.y)));
  const top = yTicks[yTicks.length - 1];
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const span = Math.max(1, to - from);
  const x = (t: number) => PAD.left + ((Math.min(Math.max(t, from), to) - from) / span) * plotW;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  // Gaps (null values) break the line instead of bridging them.
  let path = "";
  let pen = false;
  for (const p of points) {
    if (p.value === null) {
      pen = false;
      continue;
    }
    path += `${pen ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  }
  const xTicks = Array.from({ length: 6 }, (_, i) => from + (span * i) / 5);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={props.className ?? "h-full w-full"} data-chart="line">
      {yTicks.map((v) => (
        <g key={v}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(v)}
            y2={y(v)}
            stroke="currentColor"
            strokeOpacity={0.15}
            strokeDasharray="3 3"
          />
          <text x={PAD.left - 4} y={y(v)} dy="0.32em" textAnchor="end" fontSize={10} fill="currentColor">
            {format(v)}
          </text>
        </g>
      ))}
      {xTicks.map((t, i) => (
        <text
          key={t}
          x={x(t)}
          y={HEIGHT - 6}
          textAnchor={i === 0 ? "start" : i === xTicks.length - 1 ? "end" : "middle"}
          fontSize={10}
          fill="currentColor"
        >
          {formatTime(t)}
        </text>
      ))}
      {bands
        .filter((b) => b.x2 > from && b.x1 < to)
        .map((b, i) => (
          <rect
            key={i}
            data-chart-band=""
            x={x(b.x1)}
            width={Math.max(0, x(b.x2) - x(b.x1))}
            y={PAD.top}
            height={plotH}
            fill={b.fill}
            fillOpacity={b.opacity ?? 0.08}
          />
        ))}
      {levels.map((l, i) => (
        <g key={i} data-chart-level="">
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(l.y)}
            y2={y(l.y)}
            stroke={l.stroke}
            strokeDasharray={l.dash}
          />
          {l.label && (
            <text x={WIDTH - PAD.right - 2} y={y(l.y) - 3} textAnchor="end" fontSize={10} fill={l.stroke}>
              {l.label}
            </text>
          )}
        </g>
      ))}
      <path
        data-chart-line=""
        d={path}
        fill="none"
        stroke="#475569"
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
      {/* Hover targets only for short series: hundreds of them would weigh more than the chart. */}
      {points.length <= 120 &&
        points.map((p) =>
          p.value === null ? null : (
            <circle key={p.t} cx={x(p.t)} cy={y(p.value)} r={3} fill="transparent">
              <title>{`${formatTime(p.t)} UTC: ${format(p.value)}`}</title>
            </circle>
          ),
        )}
      {marks
        .filter((m) => m.x >= from && m.x <= to)
        .map((m, i) => {
          const right = x(m.x) > PAD.left + plotW * 0.75;
          return (
            <g key={`${m.label}-${i}`} data-chart-mark="">
              <line
                x1={x(m.x)}
                x2={x(m.x)}
                y1={PAD.top}
                y2={PAD.top + plotH}
                stroke={m.stroke}
                strokeDasharray={m.dash}
                strokeWidth={m.strokeWidth ?? 1}
              />
              {m.label && (
                <text
                  x={x(m.x) + (right ? -3 : 3)}
                  y={m.labelAt === "bottom" ? PAD.top + plotH - 4 : PAD.top + 10}
                  textAnchor={right ? "end" : "start"}
                  fontSize={10}
                  fill={m.stroke}
                >
                  {m.label}
                </text>
              )}
            </g>
          );
        })}
    </svg>
  );
}

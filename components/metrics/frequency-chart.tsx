// Stacked bars drawn as plain SVG on the server: the metrics page ships no charting library (recharts
// alone was ~130 kB of gzipped script). Hover titles give the figures; the caption reads them out.

// The same hues as the severity badges: SEV1 red, SEV2 orange, SEV3 yellow, SEV4 blue.
const COLOURS = { SEV1: "#dc2626", SEV2: "#ea580c", SEV3: "#ca8a04", SEV4: "#2563eb" } as const;
const SEVERITIES = Object.keys(COLOURS) as (keyof typeof COLOURS)[];

type Bucket = { start: string; total: number; SEV1: number; SEV2: number; SEV3: number; SEV4: number };

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 8, right: 8, bottom: 28, left: 36 };

/** Round axis steps (1, 2, 5 × 10^n) so the top tick is just above the highest bar. */
function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough && s >= 1) ?? Math.max(1, power * 10);
  const out: number[] = [];
  for (let v = 0; v <= max + step - 1e-9; v += step) out.push(Math.round(v));
  return out;
}

export function FrequencyChart({ buckets, interval }: { buckets: Bucket[]; interval: "week" | "month" }) {
  const label = (start: string) => (interval === "month" ? start.slice(0, 7) : start.slice(5));
  const axis = ticks(Math.max(0, ...buckets.map((b) => b.total)));
  const top = axis[axis.length - 1] || 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const every = Math.max(1, Math.ceil(buckets.length / 12)); // at most ~12 x labels
  return (
    <figure aria-label={`Incidents per ${interval} by severity`} className="w-full">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-72 w-full" aria-hidden>
        {axis.map((v) => (
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
            <text x={PAD.left - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
              {v}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={b.start} data-bucket={b.start}>
              {SEVERITIES.filter((s) => b[s] > 0).map((s) => {
                const rect = (
                  <rect
                    key={s}
                    data-severity={s}
                    x={x}
                    width={barW}
                    y={y(base + b[s])}
                    height={y(base) - y(base + b[s])}
                    fill={COLOURS[s]}
                  >
                    <title>{`${interval === "month" ? "Month" : "Week"} of ${b.start}: ${s} ${b[s]}`}</title>
                  </rect>
                );
                base += b[s];
                return rect;
              })}
              {i % every === 0 && (
                <text
                  x={x + barW / 2}
                  y={HEIGHT - PAD.bottom + 16}
                  textAnchor="middle"
                  fontSize={11}
                  fill="currentColor"
                >
                  {label(b.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="mt-1 flex flex-wrap justify-center gap-3 text-xs" aria-hidden>
        {SEVERITIES.map((s) => (
          <li key={s} className="flex items-center gap-1">
            <svg viewBox="0 0 10 10" className="h-2.5 w-2.5">
              <rect width="10" height="10" rx="2" fill={COLOURS[s]} />
            </svg>
            {s}
          </li>
        ))}
      </ul>
      <figcaption className="sr-only">
        {buckets
          .map(
            (b) =>
              `${label(b.start)}: ${b.total} (SEV1 ${b.SEV1}, SEV2 ${b.SEV2}, SEV3 ${b.SEV3}, SEV4 ${b.SEV4})`,
          )
          .join("; ")}
      </figcaption>
    </figure>
  );
}

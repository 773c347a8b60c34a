/** A 24-hour trend as a tiny bar chart; plain SVG, so it needs no client JavaScript. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = values.length * 4;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} 20`}
      className="h-5 w-24 text-rose-500"
      preserveAspectRatio="none"
    >
      {values.map((v, i) => {
        const h = v === 0 ? 0 : Math.max(1.5, (v / max) * 20);
        return <rect key={i} x={i * 4} y={20 - h} width={3} height={h} fill="currentColor" />;
      })}
      <line
        x1={0}
        x2={width}
        y1={19.75}
        y2={19.75}
        stroke="currentColor"
        strokeOpacity={0.25}
        strokeWidth={0.5}
      />
    </svg>
  );
}

export const trendLabel = (values: number[]) =>
  `${values.reduce((a, b) => a + b, 0)} events in the last 24 hours`;

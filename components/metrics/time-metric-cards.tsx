import { formatDurationPrecise } from "@/lib/format";
import type { IncidentMetrics, MetricKey } from "@/lib/metrics/get-incident-metrics";

const NAMES: Record<MetricKey, { short: string; long: string }> = {
  mttd: { short: "MTTD", long: "Time to detect: impact start → declared" },
  mtta: {
    short: "MTTA",
    long: "Time to acknowledge: declared → first acknowledgement (not paged: → investigating)",
  },
  mtti: { short: "MTTI", long: "Time to investigate: declared → investigating" },
  mttm: { short: "MTTM", long: "Time to mitigate: declared → mitigated" },
  mttr: { short: "MTTR", long: "Time to resolve: declared → resolved" },
};

const show = (seconds: number | null) => (seconds === null ? "—" : formatDurationPrecise(seconds));

/** Shorter is better for every one of these, so a fall is shown green and a rise red. */
function Change({ value }: { value: number | null }) {
  if (value === null || !Number.isFinite(value))
    return <span className="text-xs text-slate-500">no previous data</span>;
  if (Math.abs(value) < 0.005) return <span className="text-xs text-slate-500">no change</span>;
  const better = value < 0;
  return (
    <span
      className={`text-xs font-medium ${better ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}
    >
      {better ? "▼" : "▲"} {Math.abs(value * 100).toFixed(0)}% vs previous period
    </span>
  );
}

/** `incidents`: all declared in the window, so MTTD can say how many of them it covers. */
export function TimeMetricCards({
  times,
  incidents,
}: {
  times: IncidentMetrics["times"];
  incidents: number;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
      {(Object.keys(NAMES) as MetricKey[]).map((key) => {
        const metric = times[key];
        return (
          <section
            key={key}
            aria-label={NAMES[key].short}
            className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            <h3 className="text-sm font-semibold">{NAMES[key].short}</h3>
            <p className="text-xs text-slate-500">{NAMES[key].long}</p>
            <p className="mt-3 text-3xl font-semibold tabular-nums" data-testid={`${key}-mean`}>
              {show(metric.mean)}
            </p>
            <p className="text-xs text-slate-500" data-testid={`${key}-count`}>
              {key === "mttd"
                ? `MTTD over ${metric.count} of ${incidents} incident${incidents === 1 ? "" : "s"} with a known impact start`
                : `mean of ${metric.count} incident${metric.count === 1 ? "" : "s"}`}
            </p>
            <Change value={metric.change.mean} />
            <dl className="mt-3 grid grid-cols-2 gap-2 border-t border-slate-100 pt-3 text-sm dark:border-slate-800">
              <div>
                <dt className="text-xs text-slate-500">median (p50)</dt>
                <dd>
                  <span className="block tabular-nums" data-testid={`${key}-p50`}>
                    {show(metric.p50)}
                  </span>
                  <Change value={metric.change.p50} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">p90</dt>
                <dd>
                  <span className="block tabular-nums" data-testid={`${key}-p90`}>
                    {show(metric.p90)}
                  </span>
                  <Change value={metric.change.p90} />
                </dd>
              </div>
            </dl>
          </section>
        );
      })}
    </div>
  );
}

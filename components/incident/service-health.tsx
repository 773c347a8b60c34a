import { HealthChart as Chart } from "./health-chart";
import type { ReleaseView } from "@/lib/releases/schemas";
import type { IncidentHealth } from "@/lib/telemetry/get-incident-health";

const clock = (t: number) => new Date(t).toISOString().slice(11, 16);
type Props = { health: IncidentHealth; releases?: ReleaseView[] };

/** Error rate and p95 latency of each affected service, with the phase markers and the impact window shaded. */
export function ServiceHealth({ health, releases = [] }: Props) {
  return (
    <div className="space-y-5">
      <p className="text-xs text-slate-500">
        Shaded: impact window.{releases.length > 0 && " Purple lines: releases."}{" "}
        {health.bucketMinutes > 1
          ? `Each point is ${health.bucketMinutes} minutes (mean error rate, worst p95).`
          : "One point per minute."}{" "}
        Times in UTC.
      </p>
      {health.services.map(({ service, points }) => (
        <section
          key={service}
          aria-label={`Health of ${service}`}
          data-points={points.length}
          data-releases={releases.filter((r) => r.service === service).length}
        >
          <h3 className="mb-2 text-sm font-medium">{service}</h3>
          {points.length === 0 ? (
            <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <p>No health data for {service} in this window.</p>
              {releases.some((r) => r.service === service) && (
                <p className="mt-1">
                  Releases in this window:{" "}
                  {releases
                    .filter((r) => r.service === service)
                    .map((r) => `${r.version} at ${clock(r.deployedAt.getTime())}`)
                    .join(", ")}
                  .
                </p>
              )}
              <p className="mt-1 text-xs">
                Send 1-minute points to <code>POST /api/ingest/metrics</code> with an API token:{" "}
                <code className="break-all">{`{"points":[{"service":"${service}","environment":"production","timestamp":"2026-03-15T14:35:00Z","errorRate":0.02,"latencyP95Ms":340,"requestRate":120}]}`}</code>
              </p>
            </div>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              <Chart
                health={health}
                releases={releases.filter((r) => r.service === service)}
                points={points}
                dataKey="errorRate"
                label="Error rate"
                unit="%"
                format={(v) => (v * 100).toFixed(v < 0.1 ? 1 : 0)}
              />
              <Chart
                health={health}
                releases={releases.filter((r) => r.service === service)}
                points={points}
                dataKey="latencyP95Ms"
                label="p95 latency"
                unit=" ms"
                format={(v) => Math.round(v).toString()}
              />
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

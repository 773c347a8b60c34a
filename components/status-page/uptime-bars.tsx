import { STATUS_LABELS } from "@/lib/status-pages/headline";
import type { ComponentUptime, UptimeDay } from "@/lib/status-pages/public-snapshot";
import { DOWN_STATUSES } from "@/lib/status-pages/uptime";

// A component's 90 daily bars on the public page. No script: each bar is focusable and carries its
// own description, visually hidden until the bar is hovered or focused, then shown as a panel the
// width of the row (so it never pushes the page wider than a phone). Serialised by
// lib/status-pages/static-markup.ts, so no hooks.

export const UPTIME_CSS = `
.uptime{flex-basis:100%;min-width:0}
.bars{position:relative;display:flex;gap:1px;list-style:none;margin:.5rem 0 .25rem;padding:0;height:2rem}
.components .bars li{display:block;flex:1 1 0;min-width:0;padding:0;border:0;border-radius:1px;background:#15803d}
.components .bars li:focus{outline:2px solid #0f172a;outline-offset:2px}
.components .bars .bar-degraded_performance{background:#ca8a04}
.components .bars .bar-partial_outage{background:#ea580c}
.components .bars .bar-major_outage{background:#b91c1c}
.components .bars .bar-under_maintenance{background:#1d4ed8}
.components .bars .bar-no_data{background:#cbd5e1}
.tip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.bars li:hover .tip,.bars li:focus .tip{z-index:1;left:0;right:0;top:calc(100% + .375rem);width:auto;height:auto;clip-path:none;white-space:normal;padding:.5rem .75rem;border-radius:.375rem;background:#0f172a;color:#fff;font-size:.875rem;font-weight:400}
.uptime-scale{display:flex;justify-content:space-between;gap:.5rem;margin:0;font-size:.75rem;color:#475569}
.uptime-percent{font-weight:600;color:#0f172a}
.uptime-rule{font-size:.875rem;color:#475569;margin:0 0 .75rem}
`;

const dateText = (date: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(`${date}T12:00:00Z`));

function duration(seconds: number): string {
  if (seconds < 60) return "under a minute";
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** What a bar says, in words: the day, its worst impact, the downtime and each public incident. */
export function describeDay(day: UptimeDay): string {
  const when = dateText(day.date);
  if (day.status === "no_data") return `${when}: no data.`;
  if (day.status === "operational") return `${when}: no incidents.`;
  const down = DOWN_STATUSES.includes(day.status) ? `, down ${duration(day.downSeconds)}` : ", no downtime";
  const incidents = day.incidents.map(
    (incident) =>
      ` ${incident.title}: ${STATUS_LABELS[incident.status].toLowerCase()} for ${duration(incident.seconds)}.`,
  );
  return `${when}: ${STATUS_LABELS[day.status].toLowerCase()}${down}.${incidents.join("")}`;
}

const percentText = (percent: number | null) =>
  percent === null ? "No data yet" : `${percent === 100 ? "100" : percent.toFixed(2)} % uptime`;

/** The rule behind the percentage, said once above the components. */
export function UptimeRule() {
  return (
    <p className="uptime-rule">
      Uptime over the last 90 days counts partial and major outages as downtime; degraded performance and
      maintenance count as up.
    </p>
  );
}

// The list's label leaves out the component's name (read just before it): the name stays the label
// of the sign-up form's checkbox alone.
export function UptimeBars({ uptime }: { uptime: ComponentUptime | undefined }) {
  if (!uptime) return null;
  return (
    <div className="uptime">
      <ol className="bars" aria-label={`Uptime, last ${uptime.days.length} days`}>
        {uptime.days.map((day) => (
          // A list item made focusable so keyboard users can read each day without a script.
          <li key={day.date} tabIndex={0} className={`bar-${day.status}`} data-status={day.status}>
            <span className="tip">{describeDay(day)}</span>
          </li>
        ))}
      </ol>
      <p className="uptime-scale">
        <span>{uptime.days.length} days ago</span>
        <span className="uptime-percent">{percentText(uptime.percent)}</span>
        <span>Today</span>
      </p>
    </div>
  );
}

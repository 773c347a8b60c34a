import type { ServiceFollowUp } from "@/lib/postmortems/get-follow-up-metrics";

const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);

/** Per service: repeat incidents, action-item completion and the median days to close one. */
export function FollowUpTable({ rows }: { rows: ServiceFollowUp[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No incidents in this period.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="follow-up-table">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1.5 pr-3 font-medium">Service</th>
          <th className="py-1.5 pr-3 font-medium">Repeat incidents</th>
          <th className="py-1.5 pr-3 font-medium">Action items done</th>
          <th className="py-1.5 pr-3 font-medium">Median days to close</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.service} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-1.5 pr-3">{r.service}</td>
            <td className="py-1.5 pr-3 tabular-nums">
              {pct(r.repeatRate)}{" "}
              <span className="text-xs text-slate-500">
                ({r.repeats} of {r.incidents})
              </span>
            </td>
            <td className="py-1.5 pr-3 tabular-nums">
              {pct(r.completionRate)}{" "}
              <span className="text-xs text-slate-500">
                ({r.done} of {r.actionItems})
              </span>
            </td>
            <td className="py-1.5 pr-3 tabular-nums">
              {r.medianDaysToClose === null ? "–" : r.medianDaysToClose.toFixed(1)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { formatDuration, formatUtc, incidentDurationSeconds } from "@/lib/format";
import { asPageUser } from "@/lib/auth/page-actor";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";

export default async function IncidentsPage() {
  const { items } = await asPageUser("/incidents", (db, actor) => listIncidents(db, actor, { limit: "50" }));
  const now = new Date();
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">Incidents</h1>
      {items.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-8 text-center text-slate-500">No incidents yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
              <tr>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Severity</th>
                <th className="px-3 py-2">Incident</th>
                <th className="px-3 py-2">Duration</th>
                <th className="px-3 py-2">Commander</th>
                <th className="px-3 py-2">Last update</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((incident) => (
                <tr key={incident.id} className="align-top">
                  <td className="px-3 py-2"><StatusBadge status={incident.status} /></td>
                  <td className="px-3 py-2"><SeverityBadge severity={incident.severity} /></td>
                  <td className="px-3 py-2">
                    <Link href={`/incidents/${incident.id}`} className="font-medium hover:underline">
                      <span className="mr-2 font-mono text-xs text-slate-500">{incident.id}</span>
                      {incident.title}
                    </Link>
                    <div className="text-xs text-slate-500">{incident.services.join(", ")} · {incident.environment}</div>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{formatDuration(incidentDurationSeconds(incident.createdAt, incident.resolvedAt, now))}</td>
                  <td className="px-3 py-2">{incident.commander?.name ?? <span className="text-slate-400">Unassigned</span>}</td>
                  <td className="px-3 py-2 text-xs text-slate-500">{incident.lastUpdate ? formatUtc(incident.lastUpdate.at) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

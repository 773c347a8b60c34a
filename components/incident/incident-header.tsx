import { SeverityBadge, StatusBadge } from "@/components/badges";
import { TickingDuration } from "@/components/ticking-duration";
import { responseState } from "@/lib/incidents/attention";
import type { IncidentView } from "@/lib/incidents/views";
import { formatDuration, formatUtc } from "@/lib/format";
import { Markdown } from "@/components/markdown";
import type { TimelineEntryView } from "@/lib/incidents/views";

const UPDATE_LABEL: Record<string, string> = { update: "Update", action: "Action", resolution: "Resolution" };

/** What responders and stakeholders were last told, above the fold: the newest manual entry. */
function LatestUpdate({ entry }: { entry: TimelineEntryView | null }) {
  return (
    <section aria-label="Latest update" className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">
        Latest update
        {entry && (
          <span className="ml-2 font-normal normal-case tracking-normal">
            {UPDATE_LABEL[entry.kind] ?? entry.kind} by {entry.actor} ·{" "}
            <span title={formatUtc(entry.createdAt)}>
              <TickingDuration since={entry.createdAt.toISOString()} until={null} /> ago
            </span>{" "}
            ·{" "}
            <a href="#timeline" className="underline">
              timeline
            </a>
          </span>
        )}
      </h2>
      {entry ? (
        // Long updates are cut to a few lines here; the timeline has them whole.
        <div className="mt-1 line-clamp-4 text-sm">
          <Markdown>{entry.message ?? ""}</Markdown>
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-500">No update posted yet.</p>
      )}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/** `live` is the page's live-connection pill, shown at the end of the first row. */
export function IncidentHeader({
  incident,
  now,
  live,
  latestUpdate,
}: {
  incident: IncidentView;
  now: Date;
  live?: React.ReactNode;
  latestUpdate: TimelineEntryView | null;
}) {
  const response = responseState(incident, now);
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm text-slate-500">{incident.id}</span>
        <StatusBadge status={incident.status} />
        <SeverityBadge severity={incident.severity} />
        {incident.reopenCount > 0 && (
          <span className="text-xs text-slate-500">reopened {incident.reopenCount}×</span>
        )}
        {live && <span className="ml-auto">{live}</span>}
      </div>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{incident.title}</h1>
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
        <Fact label={incident.resolvedAt ? "Duration" : "Open for"}>
          <TickingDuration
            since={incident.createdAt.toISOString()}
            until={incident.resolvedAt?.toISOString() ?? null}
          />
        </Fact>
        <Fact label="Commander">
          {incident.commander?.name ?? (
            <span className="font-medium text-amber-700 dark:text-amber-300">Unassigned</span>
          )}
        </Fact>
        <Fact label="Environment">{incident.environment}</Fact>
        <Fact label="Services">{incident.services.join(", ")}</Fact>
        <Fact label="Declared">
          {formatUtc(incident.createdAt)}
          <span className="block text-xs text-slate-500">by {incident.declaredBy}</span>
        </Fact>
        <Fact label={`Response (target ${response.targetLabel})`}>
          {response.respondedInSeconds !== null ? (
            <span className={response.respondedLate ? "text-red-700 dark:text-red-300" : ""}>
              {formatDuration(response.respondedInSeconds)}
              {response.respondedLate ? " (late)" : ""}
            </span>
          ) : response.breached ? (
            <span className="font-medium text-red-700 dark:text-red-300">
              Target missed: nobody investigating
            </span>
          ) : (
            <span className="text-slate-500">Waiting for a responder</span>
          )}
        </Fact>
      </dl>
      {(incident.technicalLead || incident.communicator) && (
        <p className="mt-3 text-xs text-slate-500">
          {incident.technicalLead && (
            <>
              Technical lead:{" "}
              <span className="text-slate-700 dark:text-slate-300">{incident.technicalLead.name}</span>.{" "}
            </>
          )}
          {incident.communicator && (
            <>
              Communicator:{" "}
              <span className="text-slate-700 dark:text-slate-300">{incident.communicator.name}</span>.
            </>
          )}
        </p>
      )}
      <LatestUpdate entry={latestUpdate} />
    </header>
  );
}

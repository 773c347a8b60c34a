import { Markdown } from "@/components/markdown";
import { STATUS_LABELS } from "@/lib/status-pages/headline";
import type { PublicComponent, PublicIncidentSnapshot } from "@/lib/status-pages/public-snapshot";

// One public incident as customers read it: on the public page (serialised by
// lib/status-pages/static-markup.ts, so no hooks) and in the incident page's preview of a draft.

const PHASE_LABELS: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

export function When({ iso, timeZone }: { iso: string; timeZone: string }) {
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
  return <time dateTime={iso}>{text}</time>;
}

export function PublicStatus({ status }: { status: PublicComponent["status"] }) {
  return <span className={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function PublicIncident({
  incident,
  timeZone,
}: {
  incident: PublicIncidentSnapshot;
  timeZone: string;
}) {
  return (
    <article className="incident" aria-labelledby={`incident-${incident.id}`}>
      <h3 id={`incident-${incident.id}`}>{incident.title}</h3>
      {incident.components.length > 0 && (
        <p className="affected">
          Affected:{" "}
          {incident.components.map((c, index) => (
            <span key={c.componentId}>
              {index > 0 && ", "}
              {c.name} (<PublicStatus status={c.status} />)
            </span>
          ))}
        </p>
      )}
      <ol className="updates">
        {incident.updates.map((update) => (
          <li key={update.id}>
            <p className="update-head">
              <strong>{PHASE_LABELS[update.phase]}</strong> ·{" "}
              <When iso={update.createdAt} timeZone={timeZone} />
            </p>
            <Markdown>{update.body}</Markdown>
          </li>
        ))}
      </ol>
    </article>
  );
}

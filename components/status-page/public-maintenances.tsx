import { Markdown } from "@/components/markdown";
import type { PublicMaintenance, PublicSnapshot } from "@/lib/status-pages/public-snapshot";
import { When } from "./public-incident";

// The public page's maintenance sections: in progress, then upcoming, each with its window in the
// page's time zone. Serialised by lib/status-pages/static-markup.ts: no hooks, no script.

function Maintenance({ maintenance, timeZone }: { maintenance: PublicMaintenance; timeZone: string }) {
  return (
    <article className="incident maintenance" aria-labelledby={`maintenance-${maintenance.id}`}>
      <h3 id={`maintenance-${maintenance.id}`}>{maintenance.title}</h3>
      <p className="affected">
        <When iso={maintenance.startsAt} timeZone={timeZone} /> to{" "}
        <When iso={maintenance.endsAt} timeZone={timeZone} />
        {maintenance.components.length > 0 && (
          <> · Components: {maintenance.components.map((c) => c.name).join(", ")}</>
        )}
      </p>
      <Markdown>{maintenance.body}</Markdown>
    </article>
  );
}

export function PublicMaintenances({ snapshot }: { snapshot: PublicSnapshot }) {
  const all = snapshot.maintenances ?? [];
  const sections = [
    {
      id: "maintenance-now",
      title: "Maintenance in progress",
      items: all.filter((m) => m.state === "in_progress"),
    },
    {
      id: "maintenance-upcoming",
      title: "Scheduled maintenance",
      items: all.filter((m) => m.state === "scheduled"),
    },
  ];
  return sections
    .filter((section) => section.items.length > 0)
    .map((section) => (
      <section key={section.id} aria-labelledby={`${section.id}-heading`}>
        <h2 id={`${section.id}-heading`}>{section.title}</h2>
        {section.items.map((maintenance) => (
          <Maintenance key={maintenance.id} maintenance={maintenance} timeZone={snapshot.page.timeZone} />
        ))}
      </section>
    ));
}

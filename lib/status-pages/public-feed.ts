import type {
  PublicIncidentSnapshot,
  PublicMaintenance,
  PublicSnapshot,
  PublicUpdate,
} from "./public-snapshot";

// The page's Atom and RSS feeds, from the snapshot alone (like the page: no query per request). An
// entry per public update and one per maintenance (at its latest change), newest first; its text is the update's Markdown as plain text, so a
// reader shows what the Communicator wrote and no markup of theirs is ever interpreted as HTML.

/** How many updates a feed carries: readers poll, they do not page back. */
export const FEED_ENTRIES = 50;

const xml = (value: string) =>
  value
    // Characters XML 1.0 cannot carry at all, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

const PHASE = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
} as const;

const MAINTENANCE_STATE = {
  scheduled: "Scheduled maintenance",
  in_progress: "Maintenance in progress",
  completed: "Maintenance completed",
  cancelled: "Maintenance cancelled",
} as const;

/** One feed entry, whatever it tells. */
type Entry = { id: string; title: string; at: string; text: string };

const updateEntry = ({
  incident,
  update,
}: {
  incident: PublicIncidentSnapshot;
  update: PublicUpdate;
}): Entry => {
  const affected = update.components.map((c) => `${c.name}: ${c.status.replaceAll("_", " ")}`).join(", ");
  return {
    id: update.id,
    title: `${incident.title}: ${PHASE[update.phase]}${update.title && update.title !== incident.title ? ` (${update.title})` : ""}`,
    at: update.createdAt,
    text: affected ? `${update.body}\n\nAffected: ${affected}` : update.body,
  };
};

// The window in UTC ISO form: a feed has no reader's time zone, and readers localise ISO times.
const maintenanceEntry = (m: PublicMaintenance): Entry => ({
  id: `${m.id}-${m.state}`,
  title: `${MAINTENANCE_STATE[m.state]}: ${m.title}`,
  at: m.updatedAt,
  text: `${m.body}\n\nWindow: ${m.startsAt} to ${m.endsAt}\nComponents: ${m.components.map((c) => c.name).join(", ")}`,
});

function entries(snapshot: PublicSnapshot): Entry[] {
  return [
    ...[...snapshot.openIncidents, ...snapshot.recentIncidents].flatMap((incident) =>
      incident.updates.map((update) => updateEntry({ incident, update })),
    ),
    ...(snapshot.maintenances ?? []).map(maintenanceEntry),
  ]
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
    .slice(0, FEED_ENTRIES);
}

/** The page's absolute address, where each entry links (the page shows every update). */
const pageUrl = (base: string, snapshot: PublicSnapshot) =>
  `${base}/status/${encodeURIComponent(snapshot.page.slug)}`;

export function atomFeed(snapshot: PublicSnapshot, base: string): string {
  const page = pageUrl(base, snapshot);
  const list = entries(snapshot);
  const updated = list[0]?.at ?? snapshot.builtAt;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xml(page)}</id>`,
    `<title>${xml(`${snapshot.page.name} status`)}</title>`,
    `<subtitle>${xml(snapshot.headline)}</subtitle>`,
    `<updated>${xml(updated)}</updated>`,
    `<link rel="alternate" type="text/html" href="${xml(page)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(`${page}/feed.atom`)}"/>`,
    ...list.map((entry) =>
      [
        "<entry>",
        `<id>${xml(`${page}#${entry.id}`)}</id>`,
        `<title>${xml(entry.title)}</title>`,
        `<updated>${xml(entry.at)}</updated>`,
        `<published>${xml(entry.at)}</published>`,
        `<author><name>${xml(snapshot.page.name)}</name></author>`,
        `<link rel="alternate" type="text/html" href="${xml(page)}"/>`,
        `<content type="text">${xml(entry.text)}</content>`,
        "</entry>",
      ].join(""),
    ),
    "</feed>",
  ].join("\n");
}

export function rssFeed(snapshot: PublicSnapshot, base: string): string {
  const page = pageUrl(base, snapshot);
  const list = entries(snapshot);
  const rfc822 = (iso: string) => new Date(iso).toUTCString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    `<title>${xml(`${snapshot.page.name} status`)}</title>`,
    `<link>${xml(page)}</link>`,
    `<description>${xml(snapshot.headline)}</description>`,
    `<lastBuildDate>${xml(rfc822(list[0]?.at ?? snapshot.builtAt))}</lastBuildDate>`,
    `<atom:link rel="self" type="application/rss+xml" href="${xml(`${page}/feed.rss`)}"/>`,
    ...list.map((entry) =>
      [
        "<item>",
        `<title>${xml(entry.title)}</title>`,
        `<link>${xml(page)}</link>`,
        `<guid isPermaLink="false">${xml(`${page}#${entry.id}`)}</guid>`,
        `<pubDate>${xml(rfc822(entry.at))}</pubDate>`,
        `<description>${xml(entry.text)}</description>`,
        "</item>",
      ].join(""),
    ),
    "</channel>",
    "</rss>",
  ].join("\n");
}

import type { PublicIncidentSnapshot, PublicSnapshot, PublicUpdate } from "./public-snapshot";

// The page's Atom and RSS feeds, from the snapshot alone (like the page: no query per request). An
// entry per public update, newest first; its text is the update's Markdown as plain text, so a
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

type Entry = { incident: PublicIncidentSnapshot; update: PublicUpdate };

function entries(snapshot: PublicSnapshot): Entry[] {
  return [...snapshot.openIncidents, ...snapshot.recentIncidents]
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort(
      (a, b) =>
        b.update.createdAt.localeCompare(a.update.createdAt) || b.update.id.localeCompare(a.update.id),
    )
    .slice(0, FEED_ENTRIES);
}

const entryTitle = ({ incident, update }: Entry) =>
  `${incident.title}: ${PHASE[update.phase]}${update.title && update.title !== incident.title ? ` (${update.title})` : ""}`;

const entryText = ({ update }: Entry) => {
  const affected = update.components.map((c) => `${c.name}: ${c.status.replaceAll("_", " ")}`).join(", ");
  return affected ? `${update.body}\n\nAffected: ${affected}` : update.body;
};

/** The page's absolute address, where each entry links (the page shows every update). */
const pageUrl = (base: string, snapshot: PublicSnapshot) =>
  `${base}/status/${encodeURIComponent(snapshot.page.slug)}`;

export function atomFeed(snapshot: PublicSnapshot, base: string): string {
  const page = pageUrl(base, snapshot);
  const list = entries(snapshot);
  const updated = list[0]?.update.createdAt ?? snapshot.builtAt;
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
        `<id>${xml(`${page}#${entry.update.id}`)}</id>`,
        `<title>${xml(entryTitle(entry))}</title>`,
        `<updated>${xml(entry.update.createdAt)}</updated>`,
        `<published>${xml(entry.update.createdAt)}</published>`,
        `<author><name>${xml(snapshot.page.name)}</name></author>`,
        `<link rel="alternate" type="text/html" href="${xml(page)}"/>`,
        `<content type="text">${xml(entryText(entry))}</content>`,
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
    `<lastBuildDate>${xml(rfc822(list[0]?.update.createdAt ?? snapshot.builtAt))}</lastBuildDate>`,
    `<atom:link rel="self" type="application/rss+xml" href="${xml(`${page}/feed.rss`)}"/>`,
    ...list.map((entry) =>
      [
        "<item>",
        `<title>${xml(entryTitle(entry))}</title>`,
        `<link>${xml(page)}</link>`,
        `<guid isPermaLink="false">${xml(`${page}#${entry.update.id}`)}</guid>`,
        `<pubDate>${xml(rfc822(entry.update.createdAt))}</pubDate>`,
        `<description>${xml(entryText(entry))}</description>`,
        "</item>",
      ].join(""),
    ),
    "</channel>",
    "</rss>",
  ].join("\n");
}

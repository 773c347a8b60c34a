import type { PublicSnapshot } from "@/lib/status-pages/public-snapshot";
import { PublicIncident as Incident, PublicStatus as Status, When } from "./public-incident";
import { PublicMaintenances } from "./public-maintenances";
import { PUBLIC_PAGE_CSS } from "./public-page-css";
import { SubscribeForm } from "./subscribe-form";
import { UPTIME_CSS, UptimeBars, UptimeRule } from "./uptime-bars";

// The public status page: plain server-rendered HTML with its own small stylesheet, complete with
// JavaScript off, owing nothing to the app's layout (which queries the database). Its one script
// (/status/live.js) adds the reader's local times and follows the live stream, swapping the parts
// marked data-live-region.

export function PublicStatusPage({ snapshot }: { snapshot: PublicSnapshot }) {
  const { page } = snapshot;
  const groups = [
    ...snapshot.groups.map((group) => ({
      ...group,
      components: snapshot.components.filter((c) => c.groupId === group.id),
    })),
    { id: "", name: "", components: snapshot.components.filter((c) => c.groupId === null) },
  ].filter((group) => group.components.length > 0);
  return (
    <html
      lang="en"
      data-time-zone={page.timeZone}
      data-revision={snapshot.revision}
      data-live={`/status/${page.slug}/live`}
    >
      {/* A whole document serialised by lib/status-pages/static-markup.ts, outside Next's renderer:
          next/head and next/image do not apply here. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${snapshot.headline} · ${page.name} status`}</title>
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${page.name} status (Atom)`}
          href={`/status/${page.slug}/feed.atom`}
        />
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${page.name} status (RSS)`}
          href={`/status/${page.slug}/feed.rss`}
        />
        <style>{PUBLIC_PAGE_CSS + UPTIME_CSS}</style>
        <script src="/status/live.js" defer />
      </head>
      <body>
        <header className="top">
          {/* eslint-disable-next-line @next/next/no-img-element -- the page's own logo URL, served as is */}
          {page.logoUrl && <img src={page.logoUrl} alt="" className="logo" />}
          <p className="page-name">{page.name}</p>
        </header>
        <main>
          <p id="live-status" role="status" className="visually-hidden" />
          <div id="live-content" data-live-region="">
            <h1 className={`headline headline-${snapshot.status}`}>{snapshot.headline}</h1>
            {snapshot.openIncidents.length > 0 && (
              <section aria-labelledby="open-heading">
                <h2 id="open-heading">Current incidents</h2>
                {snapshot.openIncidents.map((incident) => (
                  <Incident key={incident.id} incident={incident} timeZone={page.timeZone} />
                ))}
              </section>
            )}
            <PublicMaintenances snapshot={snapshot} />
            <section aria-labelledby="components-heading">
              <h2 id="components-heading">Components</h2>
              {groups.length === 0 ? <p>No components are listed yet.</p> : <UptimeRule />}
              {groups.map((group) => (
                <div key={group.id || "ungrouped"} className="group">
                  {group.name && <h3>{group.name}</h3>}
                  <ul className="components">
                    {group.components.map((component) => (
                      <li key={component.id}>
                        <span className="component-name">
                          {component.name}
                          {component.description && (
                            <span className="description">{component.description}</span>
                          )}
                        </span>
                        <Status status={component.status} />
                        <UptimeBars uptime={component.uptime} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
            <section aria-labelledby="recent-heading">
              <h2 id="recent-heading">Resolved in the last 7 days</h2>
              {snapshot.recentIncidents.length === 0 ? (
                <p>No incidents.</p>
              ) : (
                snapshot.recentIncidents.map((incident) => (
                  <Incident key={incident.id} incident={incident} timeZone={page.timeZone} />
                ))
              )}
            </section>
          </div>
          {page.visibility === "public" && (
            <SubscribeForm slug={page.slug} components={snapshot.components} />
          )}
        </main>
        <footer>
          <p>
            Times are in {page.timeZone}.<span id="reader-zone" /> Updated{" "}
            <span id="built-at" data-live-region="">
              <When iso={snapshot.builtAt} timeZone={page.timeZone} />
            </span>
            . <a href={`/status/${page.slug}/api/summary.json`}>JSON summary</a> ·{" "}
            <a href={`/status/${page.slug}/feed.atom`}>Atom feed</a> ·{" "}
            <a href={`/status/${page.slug}/feed.rss`}>RSS feed</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

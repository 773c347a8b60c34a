import { createElement } from "react";
import { getDb } from "@/db/client";
import { PublicStatusPage } from "@/components/status-page/public-status-page";
import { sessionActor } from "@/lib/auth/resolve-actor";
import { isConnectionError } from "@/lib/db-errors";
import { logError } from "@/lib/log-error";
import { can } from "@/lib/permissions";
import { appUrl } from "@/lib/webhooks/app-url";
import { HSTS_VALUE, servedOverHttps, STATUS_PAGE_CSP } from "@/lib/security/headers";
import { type PublicSnapshot, snapshotEtag } from "./public-snapshot";
import { atomFeed, rssFeed } from "./public-feed";
import { publicSummary } from "./public-summary";
import { readSnapshot, type SnapshotRef } from "./snapshot-cache";
import { renderStaticMarkup } from "./static-markup";

export type PublicFormat = "html" | "summary" | "atom" | "rss";

// A CDN may keep a public page for a few seconds (s-maxage) and serve it stale while it revalidates
// or while this server is down; a browser asks every time (max-age=0), which the ETag makes a 304.
const PUBLIC_CACHE = "public, max-age=0, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400";
const PRIVATE_CACHE = "private, no-cache";

export const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });

/**
 * A signed-in page asks for a session: the HTML sends the reader to sign in, anything else is a 401.
 * Null when the reader may read it.
 */
export async function refuseReader(
  request: Request,
  snapshot: PublicSnapshot,
  html: boolean,
): Promise<Response | null> {
  if (snapshot.page.visibility !== "signed-in") return null;
  const actor = await sessionActor(request.headers);
  if (actor && can(actor, "status-pages.read")) return null;
  if (!html) return text(401, "Sign in to read this status page.");
  const next = new URL(request.url).pathname;
  return new Response(null, {
    status: 303,
    headers: { location: `/login?next=${encodeURIComponent(next)}` },
  });
}

/** Whether `If-None-Match` names this ETag (a list, `*` or a weak form of it). */
function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

// One render per snapshot and format: a revision's copy is immutable, and rendering its Markdown on
// every request cost two thirds of the page's throughput (bench/status-page.ts). A new revision is a
// new object, so the old renders go with it.
const renders = new WeakMap<PublicSnapshot, Partial<Record<PublicFormat, { body: string; type: string }>>>();

function render(snapshot: PublicSnapshot, format: PublicFormat): { body: string; type: string } {
  let cached = renders.get(snapshot);
  if (!cached) renders.set(snapshot, (cached = {}));
  return (cached[format] ??= renderFormat(snapshot, format));
}

function renderFormat(snapshot: PublicSnapshot, format: PublicFormat): { body: string; type: string } {
  if (format === "summary")
    return { body: JSON.stringify(publicSummary(snapshot)), type: "application/json" };
  if (format === "atom")
    return { body: atomFeed(snapshot, appUrl()), type: "application/atom+xml; charset=utf-8" };
  if (format === "rss")
    return { body: rssFeed(snapshot, appUrl()), type: "application/rss+xml; charset=utf-8" };
  return {
    body: `<!DOCTYPE html>${renderStaticMarkup(createElement(PublicStatusPage, { snapshot }))}`,
    type: "text/html; charset=utf-8",
  };
}

/**
 * The public page and its summary, from this instance's copy of the snapshot only: no query of the
 * write path, no wait on the primary once warm (lib/status-pages/snapshot-cache.ts). A signed-in
 * page asks for a session (its answer is then private to the reader).
 */
export async function servePublicPage(
  request: Request,
  ref: SnapshotRef,
  format: PublicFormat,
): Promise<Response> {
  let snapshot: PublicSnapshot | null;
  try {
    snapshot = await readSnapshot(await getDb(), ref);
  } catch (error) {
    if (!isConnectionError(error)) logError("status-pages.public", error);
    return text(503, "The status page is temporarily unavailable; try again shortly.", {
      "retry-after": "5",
    });
  }
  if (!snapshot) return text(404, "There is no such status page.");
  const refused = await refuseReader(request, snapshot, format === "html");
  if (refused) return refused;
  const signedIn = snapshot.page.visibility === "signed-in";
  const etag = `${snapshotEtag(snapshot).slice(0, -1)}-${format}"`;
  const headers: Record<string, string> = {
    etag,
    "content-security-policy": STATUS_PAGE_CSP,
    ...(servedOverHttps(request.headers.get("x-forwarded-proto"), process.env)
      ? { "strict-transport-security": HSTS_VALUE }
      : {}),
    "cache-control": signedIn ? PRIVATE_CACHE : PUBLIC_CACHE,
    ...(signedIn ? { vary: "Cookie" } : {}),
  };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  const { body, type } = render(snapshot, format);
  return new Response(request.method === "HEAD" ? null : body, {
    status: 200,
    headers: { ...headers, "content-type": type },
  });
}

import { createHash } from "node:crypto";

/**
 * The status page's only script, at /status/live.js (CSP `script-src 'self'`). The page reads
 * complete without it; with it, times also show in the reader's own zone, and the page follows its
 * live stream: on a newer revision it re-reads itself and swaps the `data-live-region` parts, so a
 * half-typed subscription address is never lost. Plain ES5-level code: no build step, any browser.
 */
export const PUBLIC_LIVE_SCRIPT = `(function () {
  "use strict";
  var root = document.documentElement;
  var pageZone = root.getAttribute("data-time-zone");
  var readerZone = null;
  try { readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) {}
  function localTimes() {
    if (!readerZone || readerZone === pageZone) return;
    var format = new Intl.DateTimeFormat(undefined, {
      day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: readerZone, timeZoneName: "short"
    });
    var times = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      if (time.getAttribute("data-local")) continue;
      var at = new Date(time.getAttribute("datetime"));
      if (isNaN(at.getTime())) continue;
      time.setAttribute("data-local", "1");
      var local = document.createElement("span");
      local.className = "local-time";
      local.textContent = " (" + format.format(at) + " your time)";
      time.parentNode.insertBefore(local, time.nextSibling);
    }
    var note = document.getElementById("reader-zone");
    if (note) note.textContent = " Your own times are in " + readerZone + ".";
  }
  localTimes();
  var live = root.getAttribute("data-live");
  if (!live || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var revision = Number(root.getAttribute("data-revision"));
  var announce = document.getElementById("live-status");
  var loading = false, again = false;
  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(location.href, { headers: { accept: "text/html" }, credentials: "same-origin", cache: "no-cache" })
      .then(function (answer) {
        if (!answer.ok) throw new Error("status " + answer.status);
        return answer.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var regions = document.querySelectorAll("[data-live-region]");
        for (var i = 0; i < regions.length; i++) {
          var fresh = next.getElementById(regions[i].id);
          if (fresh) regions[i].parentNode.replaceChild(document.importNode(fresh, true), regions[i]);
        }
        document.title = next.title;
        revision = Number(next.documentElement.getAttribute("data-revision")) || revision;
        root.setAttribute("data-revision", String(revision));
        localTimes();
        if (announce) announce.textContent = "Updated " + new Date().toLocaleTimeString() + ".";
      })
      .catch(function () {})
      .then(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }
  new EventSource(live).addEventListener("snapshot", function (event) {
    var data = null;
    try { data = JSON.parse(event.data); } catch (e) {}
    if (data && data.revision > revision) refresh();
  });
})();
`;

export const PUBLIC_LIVE_SCRIPT_ETAG = `"${createHash("sha256").update(PUBLIC_LIVE_SCRIPT).digest("base64url").slice(0, 16)}"`;

export function servePublicLiveScript(request: Request): Response {
  const headers = {
    etag: PUBLIC_LIVE_SCRIPT_ETAG,
    "cache-control": "public, max-age=300, stale-while-revalidate=86400",
    "content-type": "text/javascript; charset=utf-8",
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === PUBLIC_LIVE_SCRIPT_ETAG)
    return new Response(null, { status: 304, headers });
  return new Response(PUBLIC_LIVE_SCRIPT, { status: 200, headers });
}

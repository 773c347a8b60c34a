import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as liveRoute from "@/app/status/[slug]/live/route";
import * as scriptRoute from "@/app/status/live.js/route";
import type { Db } from "@/db/client";
import { createUser } from "@/lib/users/create-user";
import { openPublicStreamCount, servePublicLive } from "@/lib/status-pages/serve-public-live";
import { sessionCookie } from "@/tests/support/sign-in";
import { addComponent, createPage, publicPage, resetStatusPages } from "@/tests/support/status-pages";

// Another instance's change reaches this one's watcher within a tick; short here, 2 s by default.
process.env.STATUS_LIVE_POLL_MS = "50";

let db: Db;
beforeEach(async () => {
  db = await resetStatusPages();
});

type Stream = { next: () => Promise<{ revision: number }>; abort: () => void; response: Response };

/** Opens /status/<slug>/live and reads its `snapshot` events one at a time. */
async function open(slug: string, headers: Record<string, string> = {}): Promise<Stream> {
  const controller = new AbortController();
  const request = new Request(`http://localhost/status/${slug}/live`, { headers, signal: controller.signal });
  const response = await liveRoute.GET(request, { params: Promise.resolve({ slug }) });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const next = async () => {
    for (;;) {
      const match = /event: snapshot\ndata: (.*)\n\n/.exec(buffered);
      if (match) {
        buffered = buffered.slice(match.index + match[0].length);
        return JSON.parse(match[1]) as { revision: number };
      }
      const chunk = await Promise.race([
        reader!.read(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event in 5 s")), 5_000)),
      ]);
      if (chunk.done) throw new Error("the stream ended");
      buffered += decoder.decode(chunk.value);
    }
  };
  return { next, abort: () => controller.abort(), response };
}

describe("the public page's live stream", () => {
  it("sends the current revision, then each newer one, from this instance and from another", async () => {
    const page = await createPage();
    const stream = await open("acme");
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    const first = await stream.next();
    expect(first.revision).toBe(page.revision);

    await addComponent(page.id, { name: "API" });
    const local = await stream.next();
    expect(local.revision).toBeGreaterThan(first.revision);

    // A change another instance committed: only the table knows it.
    await db.execute(
      sql`update status_page_snapshots set revision = revision + 1, body = jsonb_set(body, '{revision}', to_jsonb(revision + 1))`,
    );
    expect((await stream.next()).revision).toBe(local.revision + 1);
    const before = openPublicStreamCount();
    stream.abort();
    await expect.poll(() => openPublicStreamCount()).toBe(before - 1);
  });

  it("is 404 for an unknown page and asks a session for a signed-in one", async () => {
    expect((await open("nope")).response.status).toBe(404);
    await createPage({ visibility: "signed-in" });
    expect((await open("acme")).response.status).toBe(401);
    await createUser(
      db,
      { type: "system", name: "test", role: "admin" },
      { email: "reader@example.com", name: "Reader", role: "viewer", password: "reader-password-123" },
    );
    const cookie = await sessionCookie("reader@example.com", "reader-password-123");
    const signedIn = await open("acme", { cookie });
    expect(signedIn.response.status).toBe(200);
    expect((await signedIn.next()).revision).toBeGreaterThan(0);
    signedIn.abort();
  });

  it("caps the streams one client address holds; a closed one frees its slot", async () => {
    await createPage();
    const settings = { maxStreams: 100, maxPerClient: 2, heartbeatMs: 60_000 };
    const from = (ip: string) => {
      const controller = new AbortController();
      const request = new Request("http://localhost/status/acme/live", {
        headers: { "x-forwarded-for": ip },
        signal: controller.signal,
      });
      return servePublicLive(request, { slug: "acme" }, settings).then((response) => ({
        response,
        controller,
      }));
    };
    const a = await from("203.0.113.7");
    const b = await from("203.0.113.7");
    const refused = await from("203.0.113.7");
    expect([a.response.status, b.response.status, refused.response.status]).toEqual([200, 200, 429]);
    expect(refused.response.headers.get("retry-after")).toBe("30");
    // Another address is not held back by the first one's streams.
    const other = await from("198.51.100.1");
    expect(other.response.status).toBe(200);
    a.controller.abort();
    await expect.poll(async () => (await from("203.0.113.7")).response.status).toBe(200);
    for (const s of [b, other]) s.controller.abort();
  });

  it("the page loads its script and tells it where to listen; the script is cacheable", async () => {
    const page = await createPage();
    const html = await publicPage("acme");
    expect(html.text).toContain('<script src="/status/live.js" defer></script>');
    expect(html.text).toContain(`data-revision="${page.revision}"`);
    expect(html.text).toContain('data-live="/status/acme/live"');
    expect(html.text).toContain('data-time-zone="UTC"');
    const script = await scriptRoute.GET(new Request("http://localhost/status/live.js"));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toContain("EventSource");
    const again = await scriptRoute.GET(
      new Request("http://localhost/status/live.js", {
        headers: { "if-none-match": script.headers.get("etag")! },
      }),
    );
    expect(again.status).toBe(304);
  });
});

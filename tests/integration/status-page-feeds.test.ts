import { beforeEach, describe, expect, it } from "vitest";
import * as slugAtom from "@/app/status/[slug]/feed.atom/route";
import * as slugRss from "@/app/status/[slug]/feed.rss/route";
import * as defaultAtom from "@/app/status/feed.atom/route";
import { call } from "@/tests/support/harness";
import {
  addComponent,
  createPage,
  postUpdate,
  publicPage,
  publish,
  resetStatusPages,
} from "@/tests/support/status-pages";

beforeEach(async () => {
  await resetStatusPages();
});

const feed = (
  handler: typeof slugAtom.GET,
  path: string,
  slug: string,
  headers: Record<string, string> = {},
) => call(handler, path, { params: { slug }, headers, as: "anonymous" });

// The page's Atom and RSS feeds come from the same snapshot as the page: every public update, newest
// first, as escaped text, with the page's ETag/304 and cache rules.
describe("status page feeds", () => {
  it("lists each public update newest first, escaped, in Atom and RSS, with ETag and 304", async () => {
    const page = await createPage({ isDefault: true });
    const api = await addComponent(page.id, { name: "API" });
    const published = await publish(page.id, {
      title: "Errors on <checkout> & payments",
      body: "Some requests **fail** <script>alert(1)</script>.",
      components: [{ componentId: api.id, status: "major_outage" }],
    });
    expect(published.status, published.text).toBe(201);
    const update = await postUpdate(page.id, published.json.id, {
      phase: "monitoring",
      body: "A fix is out; we are watching.",
      components: [{ componentId: api.id, status: "operational" }],
    });
    expect(update.status, update.text).toBe(201);

    const atom = await feed(slugAtom.GET, "/status/acme/feed.atom", "acme");
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(atom.headers.get("cache-control")).toContain("public");
    expect(atom.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    const titles = [...atom.text.matchAll(/<entry>.*?<title>(.*?)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      "Errors on &lt;checkout&gt; &amp; payments: Monitoring",
      "Errors on &lt;checkout&gt; &amp; payments: Investigating",
    ]);
    expect(atom.text).toContain("Some requests **fail** &lt;script&gt;alert(1)&lt;/script&gt;.");
    expect(atom.text).not.toContain("<script>");
    expect(atom.text).toContain("Affected: API: major outage");
    expect(atom.text).toMatch(
      /<link rel="self" type="application\/atom\+xml" href="https?:\/\/[^"]+\/status\/acme\/feed\.atom"\/>/,
    );

    const etag = atom.headers.get("etag")!;
    expect(etag).toMatch(/-atom"$/);
    expect(
      (await feed(slugAtom.GET, "/status/acme/feed.atom", "acme", { "if-none-match": etag })).status,
    ).toBe(304);

    const rss = await feed(slugRss.GET, "/status/acme/feed.rss", "acme");
    expect(rss.status).toBe(200);
    expect(rss.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect([...rss.text.matchAll(/<item>/g)]).toHaveLength(2);
    expect(rss.text).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    expect(rss.headers.get("etag")).not.toBe(etag);

    // The default page's feed is the same document; the page links both feeds.
    const viaDefault = await call(defaultAtom.GET, "/status/feed.atom", { as: "anonymous" });
    expect(viaDefault.text).toBe(atom.text);
    const html = (await publicPage("acme")).text;
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(html).toContain('href="/status/acme/feed.rss"');
  });

  it("asks for a session for a signed-in page's feed, and 404s for an unknown page", async () => {
    await createPage({ visibility: "signed-in" });
    expect((await feed(slugAtom.GET, "/status/acme/feed.atom", "acme")).status).toBe(401);
    expect((await feed(slugRss.GET, "/status/nope/feed.rss", "nope")).status).toBe(404);
  });
});

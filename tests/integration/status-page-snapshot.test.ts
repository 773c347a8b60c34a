import { beforeEach, describe, expect, it } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as defaultStatus from "@/app/status/route";
import type { Db } from "@/db/client";
import { createUser } from "@/lib/users/create-user";
import { readSnapshot, settleSnapshots } from "@/lib/status-pages/snapshot-cache";
import { call, queryRows, validIncident } from "@/tests/support/harness";
import { sessionCookie } from "@/tests/support/sign-in";
import { sql } from "drizzle-orm";
import {
  addComponent,
  createPage,
  getPage,
  post,
  publicPage,
  publish,
  resetStatusPages,
  summary,
} from "@/tests/support/status-pages";

let db: Db;
beforeEach(async () => {
  db = await resetStatusPages();
});

// The public page served from its snapshot (decision 0110): revisions, ETags, instances, visibility.
describe("the snapshot", () => {
  it("changes revision and ETag with every change; the same revision is a 304", async () => {
    const page = await createPage();
    const first = await publicPage("acme");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"sp-.+-html"$/);
    // Outside the proxy, the page sets its own policy: no inline script, only its own file.
    expect(first.headers.get("content-security-policy")).toMatch(/^default-src 'none';/);
    expect(first.headers.get("content-security-policy")).toContain("script-src 'self';");
    expect(first.headers.get("content-security-policy")).not.toContain("unsafe-inline';\s*script");
    expect(first.headers.get("cache-control")).toContain("public");
    const again = await publicPage("acme", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const json = await summary("acme");
    expect(json.headers.get("etag")).not.toBe(etag);
    expect((await summary("acme", { "if-none-match": json.headers.get("etag")! })).status).toBe(304);

    await addComponent(page.id, { name: "API" });
    const changed = await publicPage("acme", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(changed.text).toContain("API");
    expect((await summary("acme")).json.revision).toBeGreaterThan(json.json.revision);
    const [stored] = await queryRows<{ revision: number }>(sql`select revision from status_page_snapshots`);
    expect(stored.revision).toBe((await summary("acme")).json.revision);
  });

  it("serves this instance's copy at once and picks up another instance's change in the background", async () => {
    await createPage();
    const served = (await readSnapshot(db, { slug: "acme" }))!;
    // Another instance's change, as the table holds it.
    await db.execute(
      sql`update status_page_snapshots set revision = revision + 1, body = jsonb_set(jsonb_set(body, '{revision}', to_jsonb(revision + 1)), '{headline}', '"Changed elsewhere"')`,
    );
    const stale = await readSnapshot(db, { slug: "acme" }, { maxAgeMs: 0 });
    expect(stale!.revision).toBe(served.revision);
    await settleSnapshots(db);
    const fresh = await readSnapshot(db, { slug: "acme" }, { maxAgeMs: 60_000 });
    expect(fresh!.revision).toBe(served.revision + 1);
    expect(fresh!.headline).toBe("Changed elsewhere");
  });

  it("shows nothing internal that was not published", async () => {
    const secret = {
      ...validIncident,
      title: "SECRET-TITLE db password rotated",
      description: "SECRET-DESCRIPTION hunter2",
    };
    const declared = await post(incidentsRoute.POST, "/api/dashboard/incidents", secret);
    const page = await createPage();
    await publish(page.id, {
      title: "Payments degraded",
      body: "We are on it.",
      incidentId: declared.json.id,
    });
    for (const res of [await publicPage("acme"), await summary("acme")]) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain("SECRET");
      expect(res.text).not.toContain("hunter2");
      expect(res.text).not.toContain(declared.json.id);
      expect(res.text).toContain("Payments degraded");
    }
  });

  it("answers /status with the default page, and moves the default", async () => {
    expect((await call(defaultStatus.GET, "/status", { as: "anonymous" })).status).toBe(404);
    const a = await createPage({ isDefault: true });
    await createPage({ slug: "beta", name: "Beta", isDefault: true });
    expect((await call(defaultStatus.GET, "/status", { as: "anonymous" })).text).toContain("Beta");
    expect((await getPage(a.id)).isDefault).toBe(false);
    expect((await publicPage("nope")).status).toBe(404);
  });

  it("asks a session for a signed-in page", async () => {
    await createPage({ visibility: "signed-in" });
    const anonymous = await publicPage("acme");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/login?next=%2Fstatus%2Facme");
    expect((await summary("acme")).status).toBe(401);
    await createUser(
      db,
      { type: "system", name: "test", role: "admin" },
      {
        email: "reader@example.com",
        name: "Reader",
        role: "viewer",
        password: "reader-password-123",
      },
    );
    const cookie = await sessionCookie("reader@example.com", "reader-password-123");
    const signedIn = await publicPage("acme", { cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("cache-control")).toContain("private");
  });
});

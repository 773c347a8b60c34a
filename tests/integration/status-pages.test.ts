import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as pagesRoute from "@/app/api/status-pages/route";
import * as pageRoute from "@/app/api/status-pages/[id]/route";
import * as orderRoute from "@/app/api/status-pages/[id]/order/route";
import * as componentsRoute from "@/app/api/status-pages/[id]/components/route";
import * as componentRoute from "@/app/api/status-pages/[id]/components/[componentId]/route";
import * as groupsRoute from "@/app/api/status-pages/[id]/groups/route";
import * as publicIncidentsRoute from "@/app/api/status-pages/[id]/incidents/route";
import * as updatesRoute from "@/app/api/status-pages/[id]/incidents/[incidentId]/updates/route";
import * as defaultStatus from "@/app/status/route";
import * as slugStatus from "@/app/status/[slug]/route";
import * as summaryRoute from "@/app/status/[slug]/api/summary.json/route";
import type { Db } from "@/db/client";
import { services } from "@/db/core-schema";
import { createUser } from "@/lib/users/create-user";
import { forgetSnapshots, readSnapshot, settleSnapshots } from "@/lib/status-pages/snapshot-cache";
import { call, type CallOptions, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { sessionCookie } from "@/tests/support/sign-in";

let db: Db;
beforeEach(async () => {
  db = await resetDatabase();
  forgetSnapshots(db);
  await db.insert(services).values([
    { slug: "payment-service", name: "Payment Service" },
    { slug: "checkout-api", name: "Checkout API" },
    { slug: "search", name: "Search" },
  ]);
});

type Page = { id: string; slug: string; revision: number; headline: string };
const post = (handler: Parameters<typeof call>[0], path: string, body: unknown, options: CallOptions = {}) =>
  call(handler, path, { method: "POST", body, ...options });

async function createPage(body: Record<string, unknown> = {}): Promise<Page> {
  const res = await post(pagesRoute.POST, "/api/status-pages", { name: "Acme", slug: "acme", ...body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}
async function addComponent(pageId: string, body: Record<string, unknown>) {
  const res = await post(componentsRoute.POST, `/api/status-pages/${pageId}/components`, body, {
    params: { id: pageId },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; status: string; services: string[] };
}
const publish = (pageId: string, body: Record<string, unknown>, options: CallOptions = {}) =>
  post(publicIncidentsRoute.POST, `/api/status-pages/${pageId}/incidents`, body, {
    params: { id: pageId },
    ...options,
  });
const postUpdate = (pageId: string, incidentId: string, body: Record<string, unknown>) =>
  post(updatesRoute.POST, `/api/status-pages/${pageId}/incidents/${incidentId}/updates`, body, {
    params: { id: pageId, incidentId },
  });
const patchComponent = (pageId: string, componentId: string, body: unknown) =>
  call(componentRoute.PATCH, `/api/status-pages/${pageId}/components/${componentId}`, {
    method: "PATCH",
    body,
    params: { id: pageId, componentId },
  });
const getPage = async (pageId: string) =>
  (await call(pageRoute.GET, `/api/status-pages/${pageId}`, { params: { id: pageId } })).json;
const publicPage = (slug: string, headers: Record<string, string> = {}) =>
  call(slugStatus.GET, `/status/${slug}`, { params: { slug }, headers, as: "anonymous" });
const summary = (slug: string, headers: Record<string, string> = {}) =>
  call(summaryRoute.GET, `/status/${slug}/api/summary.json`, { params: { slug }, headers, as: "anonymous" });
const counts = async () =>
  (
    await queryRows<Record<string, string | number>>(sql`select
      (select count(*) from status_pages) as pages, (select count(*) from status_page_components) as components,
      (select count(*) from status_page_groups) as groups, (select count(*) from public_incidents) as incidents,
      (select count(*) from public_incident_updates) as updates, (select count(*) from component_impacts) as impacts,
      (select coalesce(sum(revision), 0) from status_pages) as revisions, (select count(*) from audit_events) as audits,
      (select count(*) from events) as events`)
  ).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])))[0];

describe("a public incident's lifecycle", () => {
  it("publishes from an internal incident, moves the components and the headline, and resolves", async () => {
    const declared = await post(incidentsRoute.POST, "/api/dashboard/incidents", validIncident);
    expect(declared.status).toBe(201);
    const page = await createPage({ isDefault: true });
    const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    const checkout = await addComponent(page.id, {
      name: "Checkout",
      services: ["checkout-api", "payment-service"],
    });
    expect(checkout.services).toEqual(["checkout-api", "payment-service"]);
    expect((await summary("acme")).json.status.description).toBe("All systems operational");

    const published = await publish(page.id, {
      title: "Card payments failing",
      body: "Some card payments **fail**. We are investigating.",
      incidentId: declared.json.id,
      components: [
        { componentId: payments.id, status: "partial_outage" },
        { componentId: checkout.id, status: "degraded_performance" },
      ],
    });
    expect(published.status, published.text).toBe(201);
    expect(published.json).toMatchObject({ phase: "investigating", incidentId: declared.json.id });
    expect(published.json.updates).toHaveLength(1);

    const open = await summary("acme");
    expect(open.json.status).toEqual({ indicator: "partial_outage", description: "Partial outage" });
    expect(open.json.components.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ["Payments", "partial_outage"],
      ["Checkout", "degraded_performance"],
    ]);
    expect(open.json.incidents).toHaveLength(1);
    expect(open.json.scheduledMaintenances).toEqual([]);
    const html = await publicPage("acme");
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.text).toContain("<h1");
    expect(html.text).toContain("Partial outage");
    expect(html.text).toContain("<strong>fail</strong>");
    expect((await call(defaultStatus.GET, "/status", { as: "anonymous" })).text).toContain(
      "Card payments failing",
    );

    // The internal timeline says what customers were told, in the incident's own transaction (version bumped).
    const timeline = await queryRows<{ kind: string; data: { message: string } }>(
      sql`select kind, data from timeline_entries where incident_id = ${declared.json.id} order by id`,
    );
    expect(timeline.at(-1)).toMatchObject({
      kind: "public_incident_created",
      data: { message: "Published to the status page: Card payments failing" },
    });
    const [{ version }] = await queryRows<{ version: number }>(
      sql`select version from incidents where id = ${declared.json.id}`,
    );
    expect(version).toBe(declared.json.version + 1);

    const monitoring = await postUpdate(page.id, published.json.id, {
      phase: "monitoring",
      body: "A fix is deployed; we are watching.",
      components: [{ componentId: checkout.id, status: "operational" }],
    });
    expect(monitoring.status, monitoring.text).toBe(201);
    expect((await summary("acme")).json.components[1].status).toBe("operational");

    const resolved = await postUpdate(page.id, published.json.id, { phase: "resolved", body: "Resolved." });
    expect(resolved.status).toBe(201);
    expect(resolved.json.resolvedAt).not.toBeNull();
    const after = await summary("acme");
    expect(after.json.status.description).toBe("All systems operational");
    expect(after.json.incidents).toEqual([]);
    expect((await publicPage("acme")).text).toContain("Resolved in the last 7 days");

    // Every non-operational stretch is an interval, all closed now.
    const impacts = await queryRows<{ component_id: string; status: string; ended_at: Date | null }>(
      sql`select component_id, status, ended_at from component_impacts order by id`,
    );
    expect(impacts.map((i) => [i.component_id, i.status])).toEqual([
      [payments.id, "partial_outage"],
      [checkout.id, "degraded_performance"],
    ]);
    expect(impacts.every((i) => i.ended_at !== null)).toBe(true);

    const types = await queryRows<{ type: string }>(
      sql`select type from events where type like 'public_incident.%' order by id`,
    );
    expect(types.map((t) => t.type)).toEqual([
      "public_incident.created",
      "public_incident.updated",
      "public_incident.resolved",
    ]);
    const audit = await queryRows<{ action: string }>(
      sql`select action from audit_events where action like 'public_incident.%' order by id`,
    );
    expect(audit).toHaveLength(3);

    // A resolved public incident takes no more updates, and nothing changes.
    const before = await counts();
    const refused = await postUpdate(page.id, published.json.id, { phase: "monitoring", body: "Again?" });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await counts()).toEqual(before);
  });

  it("publishes without an internal incident: the event alone, no timeline", async () => {
    const page = await createPage();
    const res = await publish(page.id, {
      title: "Slow search",
      body: "Looking into it.",
      phase: "identified",
    });
    expect(res.status).toBe(201);
    const [event] = await queryRows<{ type: string; incident_id: string | null; subject_id: string }>(
      sql`select type, incident_id, subject_id from events where type = 'public_incident.created'`,
    );
    expect(event).toEqual({ type: "public_incident.created", incident_id: null, subject_id: res.json.id });
  });

  it("keeps the status of a component that another open incident still holds", async () => {
    const page = await createPage();
    const api = await addComponent(page.id, { name: "API" });
    const first = await publish(page.id, {
      title: "Errors",
      body: "Errors.",
      components: [{ componentId: api.id, status: "major_outage" }],
    });
    const second = await publish(page.id, {
      title: "Latency",
      body: "Slow.",
      components: [{ componentId: api.id, status: "degraded_performance" }],
    });
    expect((await getPage(page.id)).headline).toBe("Major outage");
    await postUpdate(page.id, first.json.id, { phase: "resolved", body: "Fixed." });
    expect((await getPage(page.id)).components[0].status).toBe("degraded_performance");
    await postUpdate(page.id, second.json.id, { phase: "resolved", body: "Fixed too." });
    expect((await getPage(page.id)).components[0].status).toBe("operational");
  });
});

describe("the headline", () => {
  it("follows the worst component", async () => {
    const page = await createPage();
    const a = await addComponent(page.id, { name: "A" });
    const b = await addComponent(page.id, { name: "B", status: "under_maintenance" });
    expect((await getPage(page.id)).headline).toBe("Under maintenance");
    await patchComponent(page.id, a.id, { status: "degraded_performance" });
    expect((await getPage(page.id)).headline).toBe("Degraded performance");
    await patchComponent(page.id, b.id, { status: "major_outage" });
    expect((await summary("acme")).json.status.description).toBe("Major outage");
    await patchComponent(page.id, b.id, { status: "operational" });
    await patchComponent(page.id, a.id, { status: "operational" });
    expect((await getPage(page.id)).headline).toBe("All systems operational");
  });
});

describe("groups and order", () => {
  it("shows groups in order and their components in theirs; a stale list is refused", async () => {
    const page = await createPage();
    const core = (
      await post(
        groupsRoute.POST,
        `/api/status-pages/${page.id}/groups`,
        { name: "Core" },
        { params: { id: page.id } },
      )
    ).json;
    const edge = (
      await post(
        groupsRoute.POST,
        `/api/status-pages/${page.id}/groups`,
        { name: "Edge" },
        { params: { id: page.id } },
      )
    ).json;
    const a = await addComponent(page.id, { name: "A", groupId: edge.id });
    const b = await addComponent(page.id, { name: "B", groupId: core.id });
    const c = await addComponent(page.id, { name: "C", groupId: core.id });
    const names = async () => (await getPage(page.id)).components.map((x: { name: string }) => x.name);
    expect(await names()).toEqual(["B", "C", "A"]);
    const reorder = (body: unknown) =>
      call(orderRoute.PUT, `/api/status-pages/${page.id}/order`, {
        method: "PUT",
        body,
        params: { id: page.id },
      });
    expect((await reorder({ groups: [edge.id, core.id], components: [c.id, b.id, a.id] })).status).toBe(200);
    expect(await names()).toEqual(["A", "C", "B"]);
    const before = await counts();
    const stale = await reorder({ components: [c.id, b.id] });
    expect(stale.status).toBe(422);
    expect(stale.json.errors[0].path).toBe("components");
    expect(await counts()).toEqual(before);
  });
});

describe("bad input", () => {
  it("is a clear 4xx and changes nothing", async () => {
    const page = await createPage();
    const other = await createPage({ slug: "other", name: "Other" });
    const foreign = await addComponent(other.id, { name: "Theirs" });
    const before = await counts();
    const cases: [Awaited<ReturnType<typeof call>>, number, string?][] = [
      [await post(pagesRoute.POST, "/api/status-pages", { name: "X", slug: "acme" }), 409, "slug"],
      [await post(pagesRoute.POST, "/api/status-pages", { name: "X", slug: "Not A Slug" }), 422, "slug"],
      [await post(pagesRoute.POST, "/api/status-pages", { name: "X", slug: "x", owner: "me" }), 422, "owner"],
      [
        await post(pagesRoute.POST, "/api/status-pages", { name: "X", slug: "x", timeZone: "Mars/Base" }),
        422,
        "timeZone",
      ],
      [
        await post(pagesRoute.POST, "/api/status-pages", {
          name: "X",
          slug: "x",
          logoUrl: "javascript:alert(1)",
        }),
        422,
        "logoUrl",
      ],
      [
        await call(pagesRoute.POST, "/api/status-pages", {
          method: "POST",
          rawBody: "{",
          headers: { "content-type": "application/json" },
        }),
        400,
      ],
      [
        await post(
          componentsRoute.POST,
          `/api/status-pages/${page.id}/components`,
          { name: "C", services: ["nope"] },
          { params: { id: page.id } },
        ),
        422,
        "services.0",
      ],
      [
        await post(
          componentsRoute.POST,
          `/api/status-pages/${page.id}/components`,
          { name: "C", status: "fine" },
          { params: { id: page.id } },
        ),
        422,
        "status",
      ],
      [
        await post(
          componentsRoute.POST,
          `/api/status-pages/${page.id}/components`,
          { name: "C", groupId: "spg_00000000000000000000" },
          { params: { id: page.id } },
        ),
        422,
        "groupId",
      ],
      [
        await publish(page.id, {
          title: "T",
          body: "B",
          components: [{ componentId: foreign.id, status: "major_outage" }],
        }),
        422,
        "components.0.componentId",
      ],
      [await publish(page.id, { title: "T", body: "B", incidentId: "INC-2026-9999" }), 422, "incidentId"],
      [await publish(page.id, { title: "T", body: "", phase: "investigating" }), 422, "body"],
      [await publish(page.id, { title: "T", body: "B", phase: "fixed" }), 422, "phase"],
      [
        await publish(
          "sp_00000000000000000000",
          { title: "T", body: "B" },
          { params: { id: "sp_00000000000000000000" } },
        ),
        404,
      ],
      [await postUpdate(page.id, "pi_00000000000000000000", { phase: "monitoring", body: "B" }), 404],
      [await patchComponent(page.id, foreign.id, { name: "Mine now" }), 404],
    ];
    for (const [res, status, path] of cases) {
      expect(res.status, res.text).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      if (path) expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses viewers every change (403) and lets them read", async () => {
    const page = await createPage();
    const before = await counts();
    const viewer = { as: "viewer" as const };
    expect((await post(pagesRoute.POST, "/api/status-pages", { name: "V", slug: "v" }, viewer)).status).toBe(
      403,
    );
    expect(
      (
        await post(
          componentsRoute.POST,
          `/api/status-pages/${page.id}/components`,
          { name: "C" },
          { params: { id: page.id }, ...viewer },
        )
      ).status,
    ).toBe(403);
    expect((await publish(page.id, { title: "T", body: "B" }, viewer)).status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(
      (await call(pageRoute.GET, `/api/status-pages/${page.id}`, { params: { id: page.id }, ...viewer }))
        .status,
    ).toBe(200);
  });
});

describe("the snapshot", () => {
  it("changes revision and ETag with every change; the same revision is a 304", async () => {
    const page = await createPage();
    const first = await publicPage("acme");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"sp-.+-html"$/);
    // Outside the proxy, the page sets its own policy: no script may run on it.
    expect(first.headers.get("content-security-policy")).toMatch(/^default-src 'none';/);
    expect(first.headers.get("content-security-policy")).not.toContain("script-src");
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

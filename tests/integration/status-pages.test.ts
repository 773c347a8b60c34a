import { beforeEach, describe, expect, it } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as pagesRoute from "@/app/api/status-pages/route";
import * as pageRoute from "@/app/api/status-pages/[id]/route";
import * as componentsRoute from "@/app/api/status-pages/[id]/components/route";
import * as orderRoute from "@/app/api/status-pages/[id]/order/route";
import * as groupsRoute from "@/app/api/status-pages/[id]/groups/route";
import * as defaultStatus from "@/app/status/route";
import { call, queryRows, validIncident } from "@/tests/support/harness";
import { sql } from "drizzle-orm";
import {
  addComponent,
  counts,
  createPage,
  getPage,
  patchComponent,
  post,
  postUpdate,
  publicPage,
  publish,
  resetStatusPages,
  summary,
} from "@/tests/support/status-pages";

beforeEach(async () => {
  await resetStatusPages();
});

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

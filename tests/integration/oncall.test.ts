import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as incidentItem from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as incidentCollection from "@/app/api/dashboard/incidents/route";
import * as oncall from "@/app/api/services/[slug]/oncall/route";
import * as overrideItem from "@/app/api/services/[slug]/overrides/[id]/route";
import * as overrides from "@/app/api/services/[slug]/overrides/route";
import * as serviceItem from "@/app/api/services/[slug]/route";
import * as serviceCollection from "@/app/api/services/route";
import { getDb } from "@/db/client";
import { users } from "@/db/core-schema";
import { describeEntry } from "@/lib/incidents/describe-entry";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

const ALEX = "user_abc123"; // admin
const PRIYA = "user_def456"; // responder
const VIC = "user_viewer"; // viewer
const H = 3_600_000;
const start = new Date("2026-03-02T09:00:00.000Z");
const iso = (hours: number, ms = 0) => new Date(start.getTime() + hours * H + ms).toISOString();

const put = (slug: string, body: unknown, as: "viewer" | "responder" | "admin" = "responder") =>
  call(serviceItem.PUT, `/api/services/${slug}`, { method: "PUT", params: { slug }, body, as });
const onCallAt = (slug: string, at?: string) =>
  call(oncall.GET, `/api/services/${slug}/oncall${at ? `?at=${encodeURIComponent(at)}` : ""}`, {
    params: { slug },
  });
const addOverride = (slug: string, body: unknown, as: "viewer" | "responder" = "responder") =>
  call(overrides.POST, `/api/services/${slug}/overrides`, { method: "POST", params: { slug }, body, as });
const declare = (body: unknown) =>
  call(incidentCollection.POST, "/api/dashboard/incidents", { method: "POST", body });
const entriesOf = async (id: string) =>
  (await call(timeline.GET, `/api/dashboard/incidents/${id}/timeline`, { params: { id } })).json.items as {
    kind: string;
    data: Record<string, unknown>;
    actor: string;
  }[];
const rotationRows = async () =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from oncall_rotation_members`))[0].n);
const paths = (res: { json: { errors?: { path: string }[] } }) =>
  [...new Set((res.json.errors ?? []).map((e) => e.path))].sort();

const rotation = { userIds: [PRIYA, ALEX], handoffHours: 24, startsAt: start.toISOString() };

beforeEach(async () => {
  await resetDatabase();
});

describe("PUT /api/services/:slug and GET /api/services", () => {
  it("stores the owner team and rotation, registers a new slug with 201, and answers 200 after", async () => {
    const created = await put("payment-service", { ownerTeam: "Payments", onCall: rotation });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/services/payment-service");
    expect(created.json).toMatchObject({
      slug: "payment-service",
      name: "Payment Service",
      ownerTeam: "Payments",
      onCall: { userIds: [PRIYA, ALEX], handoffHours: 24, startsAt: start.toISOString() },
    });
    expect(created.json.members.map((m: { name: string }) => m.name)).toEqual([
      "Priya Natarajan",
      "Alex Chen",
    ]);

    const replaced = await put("payment-service", { onCall: { ...rotation, userIds: [ALEX] } });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ ownerTeam: null, onCall: { userIds: [ALEX] } });
    expect(await rotationRows()).toBe(1);

    const list = await call(serviceCollection.GET, "/api/services", { as: "viewer" });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0].now).toMatchObject({ userId: ALEX, name: "Alex Chen", until: null });
    expect(list.json.items[0].next).toBeNull();
  });

  it("shows who is on call now and who is next, with the hand-off time", async () => {
    const now = Date.now();
    const begun = new Date(now - 2 * H).toISOString();
    await put("checkout-api", { onCall: { userIds: [PRIYA, ALEX], handoffHours: 24, startsAt: begun } });
    const [item] = (await call(serviceCollection.GET, "/api/services")).json.items;
    const handOff = new Date(now + 22 * H).getTime();
    expect(item.now).toMatchObject({ userId: PRIYA, name: "Priya Natarajan" });
    expect(item.next).toMatchObject({ userId: ALEX, name: "Alex Chen" });
    expect(Math.abs(new Date(item.next.at).getTime() - handOff)).toBeLessThan(1000);
    expect(item.now.until).toBe(item.next.at);
  });

  it("applies simultaneous PUTs of one new service one after the other, never a 500", async () => {
    const results = await Promise.all([
      put("edge-gateway", { onCall: rotation }),
      put("edge-gateway", { onCall: { ...rotation, userIds: [ALEX] } }),
      put("edge-gateway", { onCall: null }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const res of results) expect([200, 201]).toContain(res.status);
    const stored = (
      await call(serviceItem.GET, "/api/services/edge-gateway", { params: { slug: "edge-gateway" } })
    ).json;
    expect(results.map((r) => JSON.stringify(r.json.onCall))).toContain(JSON.stringify(stored.onCall));
    expect(await rotationRows()).toBe(stored.onCall?.userIds.length ?? 0);
  });

  it("removes the rotation with onCall: null", async () => {
    await put("payment-service", { onCall: rotation });
    const res = await put("payment-service", { ownerTeam: "Payments", onCall: null });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ onCall: null, members: [], now: { userId: null } });
    expect(await rotationRows()).toBe(0);
  });

  it("refuses bad input with 422 naming each field, and changes nothing", async () => {
    await put("payment-service", { ownerTeam: "Payments", onCall: rotation });
    const cases: [unknown, string[]][] = [
      [{ onCall: { ...rotation, userIds: [PRIYA, VIC] } }, ["onCall.userIds.1"]],
      [{ onCall: { ...rotation, userIds: ["user_nobody"] } }, ["onCall.userIds.0"]],
      [{ onCall: { ...rotation, userIds: [PRIYA, ALEX, PRIYA] } }, ["onCall.userIds.2"]],
      [{ onCall: { ...rotation, userIds: [] } }, ["onCall.userIds"]],
      [{ onCall: { ...rotation, handoffHours: 0 } }, ["onCall.handoffHours"]],
      [{ onCall: { ...rotation, handoffHours: 1.5 } }, ["onCall.handoffHours"]],
      [{ onCall: { ...rotation, startsAt: "next monday" } }, ["onCall.startsAt"]],
      [{ ownerTeam: "Payments" }, ["onCall"]],
      [{ onCall: rotation, onCallUserId: PRIYA }, ["onCallUserId"]],
      [{ ownerTeam: "", onCall: rotation }, ["ownerTeam"]],
    ];
    for (const [body, expected] of cases) {
      const res = await put("payment-service", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(paths(res), JSON.stringify(body)).toEqual(expected);
    }
    const viewerMessage = (await put("payment-service", { onCall: { ...rotation, userIds: [VIC] } })).json
      .errors[0].message;
    expect(viewerMessage).toMatch(/Vic Viewer is a viewer; only responders and admins can be on call/);
    const after = await call(serviceItem.GET, "/api/services/payment-service", {
      params: { slug: "payment-service" },
    });
    expect(after.json).toMatchObject({
      ownerTeam: "Payments",
      onCall: { userIds: [PRIYA, ALEX], handoffHours: 24 },
    });
    expect((await call(serviceCollection.GET, "/api/services")).json.items).toHaveLength(1);
  });

  it("refuses a viewer with 403 and lets the viewer read", async () => {
    const res = await put("payment-service", { onCall: rotation }, "viewer");
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(serviceCollection.GET, "/api/services", { as: "viewer" })).json.items).toEqual([]);
  });

  it("answers 404 for an unknown or malformed slug", async () => {
    expect((await call(serviceItem.GET, "/api/services/nope", { params: { slug: "nope" } })).status).toBe(
      404,
    );
    expect((await put("Not A Slug", { onCall: rotation })).status).toBe(404);
    expect((await onCallAt("nope")).status).toBe(404);
  });
});

describe("GET /api/services/:slug/oncall?at=", () => {
  beforeEach(async () => {
    await put("payment-service", { onCall: rotation });
  });

  it("follows the rotation to the millisecond at each hand-off", async () => {
    const at = async (time: string) => (await onCallAt("payment-service", time)).json;
    expect(await at(iso(0))).toEqual({
      service: "payment-service",
      at: iso(0),
      userId: PRIYA,
      name: "Priya Natarajan",
      until: iso(24),
    });
    expect((await at(iso(24, -1))).userId).toBe(PRIYA);
    expect(await at(iso(24))).toMatchObject({ userId: ALEX, name: "Alex Chen", until: iso(48) });
    expect((await at(iso(48))).userId).toBe(PRIYA);
    expect(await at(iso(0, -1))).toMatchObject({ userId: null, name: null, until: iso(0) });
  });

  it("refuses a bad time or an unknown query field with 422", async () => {
    const bad = await onCallAt("payment-service", "yesterday");
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["at"]);
    const extra = await call(oncall.GET, "/api/services/payment-service/oncall?when=now", {
      params: { slug: "payment-service" },
    });
    expect(extra.status).toBe(422);
  });
});

describe("overrides", () => {
  const future = (hours: number) => new Date(Date.now() + hours * H).toISOString();

  beforeEach(async () => {
    await put("payment-service", { onCall: { ...rotation, userIds: [PRIYA], startsAt: future(-48) } });
  });

  it("covers its range, shows in the list, and is removed by DELETE", async () => {
    const created = await addOverride("payment-service", {
      userId: ALEX,
      startsAt: future(1),
      endsAt: future(3),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      userId: ALEX,
      userName: "Alex Chen",
      createdBy: "token:test-responder",
    });
    const id = String(created.json.id);
    expect(created.headers.get("location")).toBe(`/api/services/payment-service/overrides/${id}`);
    expect((await onCallAt("payment-service", future(2))).json.userId).toBe(ALEX);
    expect((await onCallAt("payment-service", future(4))).json.userId).toBe(PRIYA);
    const [item] = (await call(serviceCollection.GET, "/api/services")).json.items;
    expect(item.overrides.map((o: { id: number }) => String(o.id))).toEqual([id]);
    expect(item.next).toMatchObject({ userId: ALEX, at: created.json.startsAt });

    const del = (overrideId: string, as: "viewer" | "responder" = "responder") =>
      call(overrideItem.DELETE, `/api/services/payment-service/overrides/${overrideId}`, {
        method: "DELETE",
        params: { slug: "payment-service", id: overrideId },
        as,
      });
    expect((await del(id, "viewer")).status).toBe(403);
    expect((await del(id)).status).toBe(204);
    expect((await del(id)).status).toBe(404);
    expect((await del("abc")).status).toBe(404);
    expect((await onCallAt("payment-service", future(2))).json.userId).toBe(PRIYA);
  });

  it("lets the newest of overlapping overrides win", async () => {
    await addOverride("payment-service", { userId: ALEX, startsAt: future(1), endsAt: future(10) });
    await addOverride("payment-service", { userId: PRIYA, startsAt: future(2), endsAt: future(3) });
    expect((await onCallAt("payment-service", future(1.5))).json.userId).toBe(ALEX);
    expect((await onCallAt("payment-service", future(2.5))).json.userId).toBe(PRIYA);
    expect((await onCallAt("payment-service", future(5))).json.userId).toBe(ALEX);
  });

  it("refuses a viewer, a reversed or past range, an unknown service, and a viewer caller", async () => {
    expect(
      paths(await addOverride("payment-service", { userId: VIC, startsAt: future(1), endsAt: future(2) })),
    ).toEqual(["userId"]);
    expect(
      paths(await addOverride("payment-service", { userId: ALEX, startsAt: future(2), endsAt: future(1) })),
    ).toEqual(["endsAt"]);
    expect(
      paths(await addOverride("payment-service", { userId: ALEX, startsAt: future(-3), endsAt: future(-1) })),
    ).toEqual(["endsAt"]);
    expect(
      paths(
        await addOverride("payment-service", { userId: ALEX, startsAt: future(1), endsAt: future(24 * 100) }),
      ),
    ).toEqual(["endsAt"]);
    expect((await addOverride("nope", { userId: ALEX, startsAt: future(1), endsAt: future(2) })).status).toBe(
      404,
    );
    expect(
      (
        await addOverride(
          "payment-service",
          { userId: ALEX, startsAt: future(1), endsAt: future(2) },
          "viewer",
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(overrides.GET, "/api/services/payment-service/overrides", {
          params: { slug: "payment-service" },
        })
      ).json.items,
    ).toEqual([]);
  });
});

describe("declaring without a commander", () => {
  const begun = () => new Date(Date.now() - H).toISOString();

  it("makes the on-call of the first affected service the commander, and the timeline says why", async () => {
    await put("payment-service", { onCall: { userIds: [PRIYA], handoffHours: 168, startsAt: begun() } });
    await put("checkout-api", { onCall: { userIds: [ALEX], handoffHours: 168, startsAt: begun() } });
    const res = await declare(validIncident);
    expect(res.status).toBe(201);
    expect(res.json.commanderId).toBe(PRIYA);
    const entry = (await entriesOf(res.json.id)).find((e) => e.kind === "commander_changed")!;
    expect(entry.data).toMatchObject({
      from: null,
      to: { id: PRIYA, name: "Priya Natarajan" },
      reason: "on_call",
      service: "payment-service",
    });
    expect(describeEntry(entry)).toBe("Assigned Priya Natarajan as commander (on call for payment-service)");
  });

  it("uses only the first service: its empty rotation leaves the incident without a commander", async () => {
    await put("checkout-api", { onCall: { userIds: [ALEX], handoffHours: 168, startsAt: begun() } });
    const res = await declare(validIncident);
    expect(res.json.commanderId).toBeNull();
    expect((await entriesOf(res.json.id)).map((e) => e.kind)).toEqual(["declared"]);
  });

  it("keeps a named commander, and manual reassignment still works after an automatic one", async () => {
    await put("payment-service", { onCall: { userIds: [PRIYA], handoffHours: 168, startsAt: begun() } });
    const named = await declare({ ...validIncident, commanderId: ALEX });
    expect(named.json.commanderId).toBe(ALEX);
    expect(
      (await entriesOf(named.json.id)).find((e) => e.kind === "commander_changed")!.data,
    ).not.toHaveProperty("reason");

    const auto = await declare(validIncident);
    expect(auto.json.commanderId).toBe(PRIYA);
    const id = auto.json.id as string;
    const moved = await call(incidentItem.PATCH, `/api/dashboard/incidents/${id}`, {
      method: "PATCH",
      params: { id },
      body: { commanderId: ALEX },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.commanderId).toBe(ALEX);
  });

  it("never assigns an on-call who has since become a viewer", async () => {
    await put("payment-service", { onCall: { userIds: [PRIYA], handoffHours: 168, startsAt: begun() } });
    await (await getDb()).update(users).set({ role: "viewer" }).where(eq(users.id, PRIYA));
    const res = await declare(validIncident);
    expect(res.status).toBe(201);
    expect(res.json.commanderId).toBeNull();
    expect((await entriesOf(res.json.id)).some((e) => e.kind === "commander_changed")).toBe(false);
    expect((await onCallAt("payment-service")).json.userId).toBeNull();
  });

  it("assigns the override's person while an override covers the declaration", async () => {
    await put("payment-service", { onCall: { userIds: [PRIYA], handoffHours: 168, startsAt: begun() } });
    await addOverride("payment-service", {
      userId: ALEX,
      startsAt: begun(),
      endsAt: new Date(Date.now() + H).toISOString(),
    });
    expect((await declare(validIncident)).json.commanderId).toBe(ALEX);
  });
});

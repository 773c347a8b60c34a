import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as alertItem from "@/app/api/alerts/[id]/route";
import * as alertmanager from "@/app/api/integrations/alertmanager/route";
import * as pagerduty from "@/app/api/integrations/pagerduty/v2/enqueue/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { call, queryRows, resetDatabase, tokens } from "@/tests/support/harness";

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/alerts/${name}.json`, "utf8"));
const AM = "/api/integrations/alertmanager";
const PD = "/api/integrations/pagerduty/v2/enqueue";
const native = {
  title: "Checkout 5xx above 5%",
  service: "checkout-api",
  environment: "production",
  severity: "critical",
  status: "firing",
  dedupKey: "checkout-5xx",
};

const postAm = (body: unknown) => call(alertmanager.POST, AM, { method: "POST", body });
// PagerDuty senders put the token in the body and send no Authorization header.
const postPd = (body: unknown) => call(pagerduty.POST, PD, { method: "POST", body, as: "anonymous" });
const pdTrigger = (extra: Record<string, unknown> = {}) => ({
  ...fixture("pagerduty-trigger"),
  routing_key: tokens.responder,
  ...extra,
});
const alertRows = () =>
  queryRows<{
    id: string;
    dedup_key: string;
    status: string;
    fire_count: number;
    service: string | null;
    environment: string;
    severity: string;
    ends_at: unknown;
  }>(sql`select * from alerts order by dedup_key, starts_at`);
const eventKinds = async (alertId: string) =>
  (
    await queryRows<{ kind: string }>(
      sql`select kind from alert_events where alert_id = ${alertId} order by id`,
    )
  ).map((r) => r.kind);

// The first PGlite transaction of a file can take tens of seconds on a loaded 2-core machine (WASM
// compiled on first use); these are limits, not measurements.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("POST /api/alerts (native)", () => {
  it("stores a firing alert, counts repeats on the same row, resolves it once", async () => {
    const first = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: { ...native, value: 0.12, threshold: 0.05, labels: { team: "payments" } },
    });
    expect(first.status).toBe(201);
    expect(first.json.outcome).toBe("created");
    const id = first.json.alert.id as string;
    expect(id).toMatch(/^alt_[0-9a-z]{12}$/);
    expect(first.headers.get("location")).toBe(`/api/alerts/${id}`);

    const again = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: { ...native, value: 0.2 },
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      outcome: "repeated",
      alert: { id, fireCount: 2, value: 0.2, threshold: 0.05 },
    });

    const resolved = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: { ...native, status: "resolved", endsAt: "2099-01-01T00:00:00Z" },
    });
    expect(resolved.json).toMatchObject({ outcome: "resolved", alert: { id, status: "resolved" } });
    const resent = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: { ...native, status: "resolved" },
    });
    expect(resent.status).toBe(200);
    expect(resent.json.outcome).toBe("unchanged");
    expect(await eventKinds(id)).toEqual(["fired", "repeated", "resolved"]);

    const detail = await call(alertItem.GET, `/api/alerts/${id}`, { params: { id }, as: "viewer" });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      id,
      status: "resolved",
      fireCount: 2,
      labels: { team: "payments" },
      incidents: [],
    });
    expect(detail.json.events.map((e: { kind: string }) => e.kind)).toEqual([
      "fired",
      "repeated",
      "resolved",
    ]);
  });

  it("refuses bad input with problem+json and stores nothing", async () => {
    const cases = [
      { ...native, severity: "SEV1" },
      { ...native, status: "open" },
      { ...native, dedupKey: "" },
      { ...native, service: "Not A Slug" },
      { ...native, extra: 1 },
      { ...native, startsAt: "yesterday" },
    ];
    for (const body of cases) {
      const res = await call(alertsRoute.POST, "/api/alerts", { method: "POST", body });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(
      (
        await call(alertsRoute.POST, "/api/alerts", {
          method: "POST",
          rawBody: "{",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(alertsRoute.POST, "/api/alerts", { method: "POST", body: native, as: "viewer" })).status,
    ).toBe(403);
    expect(await alertRows()).toEqual([]);
  });

  it("lists firing first, filters, and pages with a cursor", async () => {
    for (let i = 0; i < 5; i++) {
      await call(alertsRoute.POST, "/api/alerts", {
        method: "POST",
        body: {
          ...native,
          dedupKey: `k${i}`,
          severity: i % 2 ? "warning" : "critical",
          startsAt: `2026-03-15T14:0${i}:00Z`,
        },
      });
    }
    await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: { ...native, dedupKey: "k4", status: "resolved" },
    });
    const all = await call(alertsRoute.GET, "/api/alerts?limit=2", { as: "viewer" });
    expect(all.json.items.map((a: { dedupKey: string }) => a.dedupKey)).toEqual(["k3", "k2"]);
    const next = await call(alertsRoute.GET, `/api/alerts?limit=2&cursor=${all.json.nextCursor}`);
    expect(next.json.items.map((a: { dedupKey: string }) => a.dedupKey)).toEqual(["k1", "k0"]);
    const last = await call(alertsRoute.GET, `/api/alerts?limit=2&cursor=${next.json.nextCursor}`);
    expect(last.json).toMatchObject({ items: [{ dedupKey: "k4", status: "resolved" }], nextCursor: null });
    const critical = await call(alertsRoute.GET, "/api/alerts?severity=critical&status=firing");
    expect(critical.json.items.map((a: { dedupKey: string }) => a.dedupKey)).toEqual(["k2", "k0"]);
    expect((await call(alertsRoute.GET, "/api/alerts?service=checkout-api")).json.items).toHaveLength(5);
    expect((await call(alertsRoute.GET, "/api/alerts?status=open")).status).toBe(422);
    expect((await call(alertsRoute.GET, "/api/alerts?cursor=nope")).status).toBe(422);
    expect(
      (await call(alertItem.GET, "/api/alerts/alt_missing", { params: { id: "alt_missing" } })).status,
    ).toBe(404);
  });
});

describe("POST /api/integrations/alertmanager", () => {
  it("maps a firing notification: fingerprint, service, env alias, severity, times, generator URL", async () => {
    const res = await postAm(fixture("alertmanager-firing"));
    expect(res.status).toBe(200);
    expect(res.json.received).toBe(1);
    const alert = res.json.results[0].alert;
    expect(alert).toMatchObject({
      source: "alertmanager",
      dedupKey: "c0ffee0000000001",
      title: "Payment error rate above 5%",
      service: "payment-service",
      environment: "production",
      severity: "critical",
      status: "firing",
      startsAt: "2026-03-15T14:32:00.123Z",
      endsAt: null,
      generatorUrl: "http://prometheus.example:9090/graph?g0.expr=rate%28http_errors%5B5m%5D%29",
    });
    expect(alert.labels.instance).toBe("pay-1");
  });

  it("stores each alert of a group, and a re-sent payload adds no alert", async () => {
    const group = fixture("alertmanager-group");
    const first = await postAm(group);
    expect(first.json.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "created",
      "created",
      "created",
    ]);
    const resent = await postAm(group);
    expect(resent.status).toBe(200);
    expect(resent.json.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      "repeated",
      "repeated",
      "repeated",
    ]);
    const rows = await alertRows();
    expect(rows.map((r) => [r.dedup_key, r.fire_count, r.environment, r.service, r.severity])).toEqual([
      ["d00d000000000001", 2, "staging", "checkout-api", "warning"],
      ["d00d000000000002", 2, "staging", "checkout-api", "warning"],
      ["d00d000000000003", 2, "staging", null, "warning"],
    ]);
    expect(resent.json.results.map((r: { alert: { id: string } }) => r.alert.id)).toEqual(
      first.json.results.map((r: { alert: { id: string } }) => r.alert.id),
    );
  });

  it("takes overlapping groups sent at once in any order without a deadlock", async () => {
    const group = fixture("alertmanager-group");
    const reversed = { ...group, alerts: [...group.alerts].reverse() };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => postAm(i % 2 ? reversed : group)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect((await alertRows()).map((r) => r.fire_count)).toEqual([20, 20, 20]);
    // Results follow the order of the notification, whatever order the keys were stored in.
    expect(answers[1].json.results.map((r: { dedupKey: string }) => r.dedupKey)).toEqual(
      reversed.alerts.map((a: { fingerprint: string }) => a.fingerprint),
    );
  });

  it("resolves by fingerprint; the resolved notification sent again changes nothing", async () => {
    const fired = await postAm(fixture("alertmanager-firing"));
    const id = fired.json.results[0].alert.id;
    const resolved = await postAm(fixture("alertmanager-resolved"));
    expect(resolved.json.results[0]).toMatchObject({
      outcome: "resolved",
      alert: { id, status: "resolved", endsAt: "2026-03-15T15:02:00.000Z" },
    });
    const again = await postAm(fixture("alertmanager-resolved"));
    expect(again.status).toBe(200);
    expect(again.json.results[0].outcome).toBe("unchanged");
    const rows = await alertRows();
    expect(rows).toHaveLength(1);
    expect(await eventKinds(id)).toEqual(["fired", "resolved"]);
  });

  it("answers 4xx to bad payloads and stores nothing of them", async () => {
    const good = fixture("alertmanager-group");
    const bad = [
      { ...good, version: "3" },
      { ...good, alerts: [] },
      { ...good, alerts: [{ ...good.alerts[0] }, { ...good.alerts[1], fingerprint: "" }] },
      { ...good, alerts: [{ ...good.alerts[0], startsAt: "not a time" }] },
      { ...good, alerts: [{ ...good.alerts[0], status: "pending" }] },
    ];
    for (const body of bad) {
      const res = await postAm(body);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await postAm([1, 2])).status).toBe(422);
    expect(
      (
        await call(alertmanager.POST, AM, {
          method: "POST",
          body: good,
          headers: { authorization: "Bearer imt_wrong" },
        })
      ).status,
    ).toBe(401);
    expect(await alertRows()).toEqual([]);
  });
});

describe("POST /api/integrations/pagerduty/v2/enqueue", () => {
  it("triggers, acknowledges and resolves by dedup_key with PagerDuty's answers", async () => {
    const trigger = await postPd(pdTrigger());
    expect(trigger.status).toBe(202);
    expect(trigger.json).toMatchObject({
      status: "success",
      message: "Event processed",
      dedup_key: "checkout-latency-eu",
    });
    const [row] = await queryRows<Record<string, unknown>>(sql`select * from alerts`);
    expect(row).toMatchObject({
      source: "pagerduty",
      service: "checkout-api",
      environment: "production",
      severity: "critical",
      title: "Checkout p95 latency above 2s in eu-west-1",
    });
    expect((row.annotations as Record<string, unknown>).custom_details).toEqual({
      p95_ms: 2430,
      region: "eu-west-1",
    });

    const ack = await postPd({
      routing_key: tokens.responder,
      event_action: "acknowledge",
      dedup_key: "checkout-latency-eu",
    });
    expect(ack.status).toBe(202);
    expect(ack.json.outcome).toBe("acknowledged");
    const resolve = await postPd({
      routing_key: tokens.responder,
      event_action: "resolve",
      dedup_key: "checkout-latency-eu",
    });
    expect(resolve.json).toMatchObject({
      status: "success",
      dedup_key: "checkout-latency-eu",
      outcome: "resolved",
    });
    const again = await postPd({
      routing_key: tokens.responder,
      event_action: "resolve",
      dedup_key: "checkout-latency-eu",
    });
    expect(again.status).toBe(202);
    expect(again.json.outcome).toBe("unchanged");
    expect(await eventKinds(String(row.id))).toEqual(["fired", "acknowledged", "resolved"]);
  });

  it("generates a dedup_key when a trigger has none, and answers with it", async () => {
    const { dedup_key: _omit, ...noKey } = pdTrigger();
    void _omit;
    const res = await postPd(noKey);
    expect(res.status).toBe(202);
    expect(res.json.dedup_key).toMatch(/^pd-[0-9a-f-]{36}$/);
    const [row] = await queryRows<{ dedup_key: string }>(sql`select dedup_key from alerts`);
    expect(row.dedup_key).toBe(res.json.dedup_key);
  });

  it("counts storm repeats under a cached token, and refuses the very next repeat once the token is revoked", async () => {
    const admin: Actor = { type: "system", name: "test", role: "admin" };
    const { token, secret } = await createApiToken(await getDb(), admin, {
      name: "storm-sender",
      role: "responder",
    });
    const send = () => postPd(pdTrigger({ routing_key: secret }));
    for (let i = 0; i < 3; i++) expect((await send()).json.outcome).toBe(i === 0 ? "created" : "repeated");
    const fireCount = async () =>
      (await queryRows<{ fire_count: number }>(sql`select fire_count from alerts`))[0].fire_count;
    expect(await fireCount()).toBe(3);
    await revokeApiToken(await getDb(), admin, token.id);
    const refused = await send();
    expect(refused.status).toBe(401);
    // A bad event under the revoked token is a 401 as well, not a 400 that would confirm the token.
    expect((await postPd(pdTrigger({ routing_key: secret, event_action: "explode" }))).status).toBe(401);
    expect(await fireCount()).toBe(3);
    expect(await eventKinds((await alertRows())[0].id)).toEqual(["fired", "repeated", "repeated"]);
  });

  it("answers 400 to a bad event and 401 to an unknown routing key, storing nothing", async () => {
    for (const body of [
      pdTrigger({ event_action: "explode" }),
      { routing_key: tokens.responder, event_action: "resolve" },
      pdTrigger({ payload: { summary: "x", source: "y", severity: "fatal" } }),
      { routing_key: tokens.responder, event_action: "trigger", dedup_key: "k" },
    ]) {
      const res = await postPd(body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ status: 400, message: "Event object is invalid" });
      expect(res.json.errors.length).toBeGreaterThan(0);
    }
    const unknown = await postPd(pdTrigger({ routing_key: "R0UT1NGKEY0000000000000000000000" }));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect((await postPd(pdTrigger({ routing_key: tokens.viewer }))).status).toBe(403);
    expect(
      (
        await call(pagerduty.POST, PD, {
          method: "POST",
          rawBody: "{nope",
          headers: { "content-type": "application/json" },
          as: "anonymous",
        })
      ).status,
    ).toBe(400);
    expect(await alertRows()).toEqual([]);
  });
});

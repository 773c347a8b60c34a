import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as webhooks from "@/app/api/webhooks/route";
import * as webhook from "@/app/api/webhooks/[id]/route";
import * as testRoute from "@/app/api/webhooks/[id]/test/route";
import { getDb } from "@/db/client";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deliverWebhook, type DeliverOptions } from "@/lib/webhooks/deliver-webhook";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";

// Deliveries are driven by calling the job's handler directly (no workers here), so each attempt,
// its clock and its resolver are under the test's control; webhooks-delivery.test.ts runs the real workers.
const PATH = "/api/webhooks";
const admin = { as: "admin" as const };
const system = { type: "system" as const, name: "test", role: "admin" as const };
let receiver: Receiver;

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  process.env.APP_URL = "https://incidents.example.com/";
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  delete process.env.APP_URL;
});
beforeEach(async () => {
  await resetDatabase();
  receiver.received.length = 0;
  receiver.answerWith((_r, response) => response.writeHead(204).end());
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
});
afterEach(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
});

const subscribe = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(webhooks.POST, PATH, { method: "POST", body, headers, ...admin });
const patch = (id: string, body: unknown) =>
  call(webhook.PATCH, `${PATH}/${id}`, { method: "PATCH", params: { id }, body, ...admin });
const deliveryJobs = () =>
  queryRows<{ data: { deliveryId: string; attempt: number }; start_after: Date }>(
    sql`select data, start_after from pgboss.job where name = 'webhooks.deliver' order by created_on, id`,
  );

/** Runs every queued first attempt (what the workers would do). */
async function runQueued(options: DeliverOptions = {}) {
  const db = await getDb();
  const reports = [];
  for (const job of await deliveryJobs()) reports.push(await deliverWebhook(db, job.data, options));
  return reports;
}

describe("subscriptions API", () => {
  it("creates a subscription showing a whsec_ secret once; GET never shows it; only admins", async () => {
    const res = await subscribe({
      url: receiver.url(),
      events: ["incident.declared", "incident.resolved"],
      description: "Ops channel",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`${PATH}/${res.json.id}`);
    expect(res.json).toMatchObject({
      url: receiver.url(),
      events: ["incident.declared", "incident.resolved"],
      format: "standard",
      enabled: true,
      disabledReason: null,
    });
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(res.json.secret.slice(6), "base64")).toHaveLength(32);

    const list = await call(webhooks.GET, PATH, admin);
    const one = await call(webhook.GET, `${PATH}/${res.json.id}`, { params: { id: res.json.id }, ...admin });
    expect(list.json.items).toHaveLength(1);
    expect(one.json.id).toBe(res.json.id);
    for (const text of [list.text, one.text]) {
      expect(text).not.toContain(res.json.secret.slice(6, 30));
      expect(text).not.toContain('"secret"');
    }
    expect(
      (
        await call(webhooks.POST, PATH, {
          method: "POST",
          body: { url: receiver.url(), events: ["incident.declared"] },
          as: "responder",
        })
      ).status,
    ).toBe(403);
    expect((await call(webhooks.GET, PATH, { as: "responder" })).status).toBe(403);
  });

  it("refuses unknown event types with the allowed list, bad URLs and unknown fields (422)", async () => {
    const unknown = await subscribe({
      url: receiver.url(),
      events: ["incident.declared", "incident.exploded"],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([
      { path: "events.1", message: `Unknown event type; use one of ${WEBHOOK_EVENTS.join(", ")}.` },
    ]);
    expect((await subscribe({ url: receiver.url(), events: [] })).json.errors[0]).toEqual({
      path: "events",
      message: "Choose at least one event.",
    });
    expect(
      (await subscribe({ url: "ftp://example.com/x", events: ["incident.declared"] })).json.errors[0],
    ).toEqual({ path: "url", message: "Only http:// and https:// URLs." });
    expect((await subscribe({ url: "not a url", events: ["incident.declared"] })).status).toBe(422);
    expect(
      (await subscribe({ url: receiver.url(), events: ["incident.declared"], format: "teams" })).status,
    ).toBe(422);
    expect(
      (await subscribe({ url: receiver.url(), events: ["incident.declared"], secret: "mine" })).json
        .errors[0],
    ).toEqual({ path: "secret", message: "Unknown field." });
    expect(await queryRows(sql`select id from webhook_subscriptions`)).toEqual([]);
  });

  it("never stores the secret with an Idempotency-Key, and a replay of that key is a 409", async () => {
    const headers = { "idempotency-key": "create-hook-1" };
    const first = await subscribe({ url: receiver.url(), events: ["incident.declared"] }, headers);
    expect(first.status).toBe(201);
    const stored = await queryRows<{ row: string }>(
      sql`select row_to_json(k)::text as row from idempotency_keys k`,
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const { row } of stored) expect(row).not.toContain(first.json.secret.slice(6));
    const replay = await subscribe({ url: receiver.url(), events: ["incident.declared"] }, headers);
    expect(replay.status).toBe(409);
    expect(replay.text).not.toContain(first.json.secret.slice(6));
    expect(await queryRows(sql`select id from webhook_subscriptions`)).toHaveLength(1);
  });

  it("refuses private, loopback, link-local and metadata targets by default (422 on url)", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    for (const url of [
      "http://127.0.0.1:9/x",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/x",
      "http://[fd00:ec2::254]/",
      "http://10.1.2.3/",
      "http://localhost/x",
      "http://0.0.0.0/",
    ]) {
      const res = await subscribe({ url, events: ["incident.declared"] });
      expect(res.status, url).toBe(422);
      expect(res.json.errors[0].path).toBe("url");
      expect(res.json.errors[0].message).toMatch(/webhooks may only reach public addresses/);
    }
    // A public name with one private address among its answers is refused too.
    const db = await getDb();
    const mixed = createWebhook(
      db,
      system,
      { url: "https://hooks.example.test/x", events: ["incident.declared"] },
      {
        resolver: async () => [
          { address: "93.184.216.34", family: 4 },
          { address: "192.168.0.7", family: 4 },
        ],
      },
    );
    await expect(mixed).rejects.toMatchObject({
      code: "validation",
      errors: [{ path: "url", message: expect.stringContaining("192.168.0.7 (private)") }],
    });
    const publicOnly = await createWebhook(
      db,
      system,
      { url: "https://hooks.example.test/x", events: ["incident.declared"] },
      { resolver: async () => [{ address: "93.184.216.34", family: 4 }] },
    );
    expect(publicOnly.url).toBe("https://hooks.example.test/x");
    // An unresolvable host is refused at creation too.
    await expect(
      createWebhook(db, system, { url: "https://nothing.invalid/", events: ["incident.declared"] }),
    ).rejects.toMatchObject({ code: "validation" });
  });

  it("PATCH changes fields, disables with a reason and re-enables clearing the failure state; DELETE removes it and its log", async () => {
    const created = await subscribe({ url: receiver.url(), events: ["incident.declared"] });
    const id = created.json.id;
    const changed = await patch(id, {
      events: ["alert.fired", "incident.declared"],
      format: "slack",
      description: "Slack #incidents",
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      events: ["incident.declared", "alert.fired"],
      format: "slack",
      description: "Slack #incidents",
    });
    const disabled = await patch(id, { enabled: false });
    expect(disabled.json).toMatchObject({ enabled: false, disabledReason: "Disabled by an API token." });
    expect(disabled.json.disabledAt).toEqual(expect.any(String));
    await queryRows(
      sql`update webhook_subscriptions set failing_since = now(), last_failure = 'Answered 500.' where id = ${id}`,
    );
    const enabled = await patch(id, { enabled: true });
    expect(enabled.json).toMatchObject({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      lastFailure: null,
    });
    expect((await patch(id, {})).status).toBe(422);
    expect((await patch(id, { events: ["nope"] })).status).toBe(422);
    expect((await patch("wh_missing", { enabled: true })).status).toBe(404);
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    expect((await patch(id, { url: "http://192.168.1.1/hook" })).status).toBe(422);
    expect((await call(webhook.GET, `${PATH}/${id}`, { params: { id }, ...admin })).json.url).toBe(
      receiver.url(),
    );

    await call(testRoute.POST, `${PATH}/${id}/test`, { method: "POST", params: { id }, ...admin });
    expect(await queryRows(sql`select id from webhook_deliveries`)).toHaveLength(1);
    expect(
      (await call(webhook.DELETE, `${PATH}/${id}`, { method: "DELETE", params: { id }, ...admin })).status,
    ).toBe(204);
    expect((await call(webhook.GET, `${PATH}/${id}`, { params: { id }, ...admin })).status).toBe(404);
    expect(
      (await call(webhook.DELETE, `${PATH}/${id}`, { method: "DELETE", params: { id }, ...admin })).status,
    ).toBe(404);
    expect(await queryRows(sql`select id from webhook_deliveries`)).toEqual([]);
    // The queued attempt finds no delivery and does nothing.
    expect(await runQueued()).toEqual([
      { status: "skipped", why: "the delivery no longer exists (subscription deleted)" },
    ]);
  });
});

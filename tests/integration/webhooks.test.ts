import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as webhooks from "@/app/api/webhooks/route";
import * as webhook from "@/app/api/webhooks/[id]/route";
import * as deliveries from "@/app/api/webhooks/[id]/deliveries/route";
import * as testRoute from "@/app/api/webhooks/[id]/test/route";
import { getDb } from "@/db/client";
import { dispatchEvents } from "@/lib/events/consumers";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deliverWebhook, type DeliverOptions } from "@/lib/webhooks/deliver-webhook";
import { webhooksConsumer } from "@/lib/webhooks/fanout-consumer";
import { purgeOldDeliveries } from "@/lib/webhooks/purge-old-deliveries";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";

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
const log = (id: string, query = "") =>
  call(deliveries.GET, `${PATH}/${id}/deliveries${query}`, { params: { id }, ...admin });
const deliveryJobs = () =>
  queryRows<{ data: { deliveryId: string; attempt: number }; start_after: Date }>(
    sql`select data, start_after from pgboss.job where name = 'webhooks.deliver' order by created_on, id`,
  );
const allEventIds = async () =>
  (await queryRows<{ id: number }>(sql`select id from events order by id`)).map((row) => Number(row.id));

async function declareAndChange() {
  const declared = await call(collection.POST, "/api/dashboard/incidents", {
    method: "POST",
    body: validIncident,
  });
  const id = declared.json.id as string;
  await call(item.PATCH, `/api/dashboard/incidents/${id}`, {
    method: "PATCH",
    params: { id },
    body: { status: "investigating", commanderId: "user_def456" },
  });
  await call(timeline.POST, `/api/dashboard/incidents/${id}/timeline`, {
    method: "POST",
    params: { id },
    body: { type: "update", message: "Rolled back **v2.3**." },
  });
  return id;
}

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

describe("fan-out and delivery", () => {
  it("queues one delivery and one job per (subscription, event), once however often the event is handed over", async () => {
    const wanted = await subscribe({
      url: receiver.url("/a"),
      events: ["incident.declared", "incident.status_changed", "incident.update_posted"],
    });
    const other = await subscribe({ url: receiver.url("/b"), events: ["alert.fired"] });
    const off = await subscribe({ url: receiver.url("/c"), events: ["incident.declared"] });
    await patch(off.json.id, { enabled: false });
    await declareAndChange();
    const ids = await allEventIds();
    await dispatchEvents(await getDb(), ids, [webhooksConsumer]);
    await dispatchEvents(await getDb(), ids, [webhooksConsumer]);
    const rows = await queryRows<{ subscription_id: string; event_type: string }>(
      sql`select subscription_id, event_type from webhook_deliveries order by event_id`,
    );
    expect(rows).toEqual([
      { subscription_id: wanted.json.id, event_type: "incident.declared" },
      { subscription_id: wanted.json.id, event_type: "incident.status_changed" },
      { subscription_id: wanted.json.id, event_type: "incident.update_posted" },
    ]);
    expect(rows.some((row) => row.subscription_id === other.json.id)).toBe(false);
    expect((await deliveryJobs()).map((job) => job.data.attempt)).toEqual([1, 1, 1]);
  });

  it("delivers declared / status_changed / update_posted signed per Standard Webhooks, with the incident and its URL", async () => {
    const created = await subscribe({
      url: receiver.url(),
      events: ["incident.declared", "incident.status_changed", "incident.update_posted"],
    });
    const incidentId = await declareAndChange();
    await dispatchEvents(await getDb(), await allEventIds(), [webhooksConsumer]);
    const reports = await runQueued();
    expect(reports.map((r) => r.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(receiver.received).toHaveLength(3);
    for (const request of receiver.received) {
      expect(verifyStandardWebhook(created.json.secret, request.headers, request.body)).toBe(true);
      expect(
        verifyStandardWebhook(
          "whsec_" + Buffer.from("wrong key").toString("base64"),
          request.headers,
          request.body,
        ),
      ).toBe(false);
      expect(
        verifyStandardWebhook(
          created.json.secret,
          request.headers,
          request.body.replace("Payment", "Pavment"),
        ),
      ).toBe(false);
      expect(request.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(request.headers["content-type"]).toBe("application/json");
    }
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type)).toEqual([
      "incident.declared",
      "incident.status_changed",
      "incident.update_posted",
    ]);
    for (const body of bodies) {
      expect(Object.keys(body)).toEqual(["type", "timestamp", "data"]);
      expect(body.data.incident).toEqual({
        id: incidentId,
        title: validIncident.title,
        severity: "SEV1",
        status: "investigating",
        commander: { id: "user_def456", name: "Priya Natarajan" },
        url: `https://incidents.example.com/incidents/${incidentId}`,
      });
    }
    expect(bodies[1].data.changes).toMatchObject({ from: "declared", to: "investigating" });
    expect(bodies[2].data.changes).toMatchObject({ message: "Rolled back **v2.3**." });
    const page = await log(created.json.id);
    expect(page.json.items).toHaveLength(3);
    expect(page.json.items[0]).toMatchObject({
      status: "succeeded",
      attempts: 1,
      lastStatusCode: 204,
      attemptLog: [{ attempt: 1, statusCode: 204, error: null, willRetry: false }],
    });
    expect(page.json.items[0].id).toBe(receiver.received[2].headers["webhook-id"]);
  });

  it("retries a 500 with the same webhook-id, logging each attempt, and queues the next attempt within 30 s", async () => {
    const created = await subscribe({ url: receiver.url(), events: ["incident.declared"] });
    let answers = 0;
    receiver.answerWith((_r, response) => response.writeHead(answers++ === 0 ? 500 : 200).end("ok"));
    await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    await dispatchEvents(await getDb(), await allEventIds(), [webhooksConsumer]);
    const before = Date.now();
    expect(await runQueued()).toEqual([{ status: "retrying", statusCode: 500, error: "Answered 500." }]);
    const jobs = await deliveryJobs();
    expect(jobs.map((j) => j.data.attempt)).toEqual([1, 2]);
    const wait = new Date(jobs[1].start_after).getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(4_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    const db = await getDb();
    expect(await deliverWebhook(db, jobs[1].data)).toEqual({
      status: "delivered",
      statusCode: 200,
      error: null,
    });
    // The same job handed out again does nothing (its attempt is logged).
    expect(await deliverWebhook(db, jobs[1].data)).toEqual({ status: "skipped", why: "already succeeded" });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].headers["webhook-id"]).toBe(receiver.received[1].headers["webhook-id"]);
    expect(receiver.received[0].body).toBe(receiver.received[1].body);
    for (const request of receiver.received)
      expect(verifyStandardWebhook(created.json.secret, request.headers, request.body)).toBe(true);
    const [delivery] = (await log(created.json.id)).json.items;
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200 });
    expect(delivery.attemptLog).toMatchObject([
      { attempt: 1, statusCode: 500, error: "Answered 500.", willRetry: true },
      { attempt: 2, statusCode: 200, error: null, willRetry: false },
    ]);
    expect(typeof delivery.attemptLog[0].durationMs).toBe("number");
    const [subscription] = (await call(webhooks.GET, PATH, admin)).json.items;
    expect(subscription).toMatchObject({ failingSince: null, lastFailure: null, enabled: true });
  });

  it("gives a silent receiver up after the timeout and retries it", async () => {
    await subscribe({ url: receiver.url(), events: ["incident.declared"] });
    receiver.answerWith(() => {});
    await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    await dispatchEvents(await getDb(), await allEventIds(), [webhooksConsumer]);
    const [report] = await runQueued({ timeoutMs: 300 });
    expect(report).toEqual({ status: "retrying", statusCode: null, error: "Timed out after 0.3 s." });
    // A receiver that answers 200 and then never finishes its body has accepted the delivery.
    receiver.answerWith((_r, response) => {
      response.writeHead(200);
      response.write("working on it");
    });
    const [, retry] = await deliveryJobs();
    expect(await deliverWebhook(await getDb(), retry.data, { timeoutMs: 300 })).toEqual({
      status: "delivered",
      statusCode: 200,
      error: null,
    });
  });

  it("does not follow a redirect (a permanent failure) and treats other 4xx as permanent", async () => {
    const created = await subscribe({
      url: receiver.url(),
      events: ["incident.declared", "incident.status_changed"],
    });
    receiver.answerWith((request, response) =>
      request.path === "/hook"
        ? response.writeHead(302, { location: receiver.url("/elsewhere") }).end()
        : response.writeHead(204).end(),
    );
    await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    await dispatchEvents(await getDb(), await allEventIds(), [webhooksConsumer]);
    const [redirect] = await runQueued();
    expect(redirect).toMatchObject({
      status: "failed",
      statusCode: 302,
      error: expect.stringContaining("redirects are not followed"),
    });
    expect(receiver.received.map((r) => r.path)).toEqual(["/hook"]);

    receiver.answerWith((_r, response) => response.writeHead(410).end());
    const [incident] = await queryRows<{ id: string }>(sql`select id from incidents`);
    await call(item.PATCH, `/api/dashboard/incidents/${incident.id}`, {
      method: "PATCH",
      params: { id: incident.id },
      body: { status: "investigating" },
    });
    await dispatchEvents(await getDb(), await allEventIds(), [webhooksConsumer]);
    const jobs = await deliveryJobs();
    const gone = await deliverWebhook(await getDb(), jobs.at(-1)!.data);
    expect(gone).toEqual({
      status: "failed",
      statusCode: 410,
      error: "Permanent failure: the receiver refused it with 410; not retried.",
    });
    expect((await deliveryJobs()).length).toBe(jobs.length);
    expect((await log(created.json.id)).json.items.map((d: { status: string }) => d.status)).toEqual([
      "failed",
      "failed",
    ]);
  });

  it("checks the target again at delivery (DNS rebinding) and connects to the very address it checked", async () => {
    const db = await getDb();
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    const publicAnswer = async () => [{ address: "93.184.216.34", family: 4 }];
    const created = await createWebhook(
      db,
      system,
      {
        url: `http://hooks.example.test:${new URL(receiver.url()).port}/hook`,
        events: ["incident.declared"],
      },
      { resolver: publicAnswer },
    );
    await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    await dispatchEvents(db, await allEventIds(), [webhooksConsumer]);
    // The name now points inside the network: refused before any connection, and retried later.
    const rebound = await runQueued({ resolver: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(rebound).toEqual([
      {
        status: "retrying",
        statusCode: null,
        error: expect.stringMatching(/^Refused: hooks\.example\.test resolves to 127\.0\.0\.1 \(loopback\)/),
      },
    ]);
    expect(receiver.received).toEqual([]);
    // Allowed (self-hosted): the request goes to the address the resolver gave, never re-resolved by
    // the HTTP client (hooks.example.test does not exist in real DNS).
    const [, second] = await deliveryJobs();
    const pinned = await deliverWebhook(db, second.data, {
      allowPrivate: true,
      resolver: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    expect(pinned).toEqual({ status: "delivered", statusCode: 204, error: null });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers.host).toBe(`hooks.example.test:${new URL(receiver.url()).port}`);
    expect(
      verifyStandardWebhook(created.secret, receiver.received[0].headers, receiver.received[0].body),
    ).toBe(true);
  });

  it("disables a subscription after 24 h of continuous failures (fake clock) and says why; re-enabling starts afresh", async () => {
    const created = await subscribe({ url: receiver.url(), events: ["incident.declared"] });
    receiver.answerWith((_r, response) => response.writeHead(503).end());
    await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    const db = await getDb();
    await dispatchEvents(db, await allEventIds(), [webhooksConsumer]);
    const start = new Date();
    const at = (hours: number) => () => new Date(start.getTime() + hours * 3_600_000);
    expect((await runQueued({ now: at(0) }))[0].status).toBe("retrying");
    const after = async () =>
      (await call(webhook.GET, `${PATH}/${created.json.id}`, { params: { id: created.json.id }, ...admin }))
        .json;
    expect(await after()).toMatchObject({
      enabled: true,
      failingSince: start.toISOString(),
      lastFailure: "Answered 503.",
    });
    const second = (await deliveryJobs())[1].data;
    expect(await deliverWebhook(db, second, { now: at(23) })).toMatchObject({ status: "retrying" });
    expect((await after()).enabled).toBe(true);
    const third = (await deliveryJobs())[2].data;
    expect(await deliverWebhook(db, third, { now: at(24.5) })).toEqual({
      status: "failed",
      statusCode: 503,
      error: "Answered 503. Gave up: retried for 24 h.",
    });
    const disabled = await after();
    expect(disabled).toMatchObject({ enabled: false, disabledAt: at(24.5)().toISOString() });
    expect(disabled.disabledReason).toContain("every delivery failed for 24 hours");
    expect(disabled.disabledReason).toContain("Answered 503.");
    // The audit log names the delivery job, not a person, as the one who disabled it.
    expect(
      await queryRows(
        sql`select actor_type, actor_name, diff from audit_events where action = 'webhook.disabled' and target_id = ${created.json.id}`,
      ),
    ).toEqual([
      { actor_type: "system", actor_name: "webhook delivery", diff: { enabled: { from: true, to: false } } },
    ]);
    // Disabled: new events are not fanned out to it.
    await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, title: "Another one" },
    });
    await dispatchEvents(db, await allEventIds(), [webhooksConsumer]);
    expect(await queryRows(sql`select id from webhook_deliveries`)).toHaveLength(1);
    expect((await patch(created.json.id, { enabled: true })).json).toMatchObject({
      enabled: true,
      failingSince: null,
      disabledReason: null,
    });
  });

  it("formats slack subscriptions as an incoming-webhook message with text and blocks", async () => {
    await subscribe({ url: receiver.url(), events: ["incident.status_changed"], format: "slack" });
    const incidentId = await declareAndChange();
    await dispatchEvents(await getDb(), await allEventIds(), [webhooksConsumer]);
    expect((await runQueued()).map((r) => r.status)).toEqual(["delivered"]);
    const message = JSON.parse(receiver.received[0].body);
    expect(Object.keys(message)).toEqual(["text", "blocks"]);
    const url = `https://incidents.example.com/incidents/${incidentId}`;
    expect(message.text).toBe(
      `Status changed: [SEV1] ${incidentId}: ${validIncident.title} (investigating, commander Priya Natarajan) ${url}`,
    );
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: `Status changed: ${incidentId}: ${validIncident.title}`,
        emoji: false,
      },
    });
    expect(message.blocks[1].fields.map((f: { text: string }) => f.text)).toEqual([
      "*Severity*\nSEV1",
      "*Status*\ninvestigating",
      "*Commander*\nPriya Natarajan",
      "*Change*\ndeclared → investigating",
    ]);
    expect(message.blocks).toContainEqual({
      type: "section",
      text: { type: "mrkdwn", text: `<${url}|Open ${incidentId}>` },
    });
    expect(receiver.received[0].headers["webhook-signature"]).toMatch(/^v1,/);
  });

  it("sends a test message on request, even to a disabled subscription, and pages the log", async () => {
    const created = await subscribe({ url: receiver.url(), events: ["incident.declared"] });
    const id = created.json.id;
    await patch(id, { enabled: false });
    for (let i = 0; i < 3; i++)
      expect(
        (await call(testRoute.POST, `${PATH}/${id}/test`, { method: "POST", params: { id }, ...admin }))
          .status,
      ).toBe(202);
    expect(
      (
        await call(testRoute.POST, `${PATH}/wh_nope/test`, {
          method: "POST",
          params: { id: "wh_nope" },
          ...admin,
        })
      ).status,
    ).toBe(404);
    expect((await runQueued()).map((r) => r.status)).toEqual(["delivered", "delivered", "delivered"]);
    const body = JSON.parse(receiver.received[0].body);
    expect(body).toMatchObject({
      type: "webhook.test",
      data: { subscriptionId: id, message: expect.stringContaining("https://incidents.example.com") },
    });
    const first = await log(id, "?limit=2");
    expect(first.json.items).toHaveLength(2);
    const second = await log(id, `?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();
    const seen = [...first.json.items, ...second.json.items].map((d: { id: string }) => d.id);
    expect(new Set(seen).size).toBe(3);
    expect((await log(id, "?cursor=garbage")).status).toBe(422);
    expect((await log(id, "?limit=0")).status).toBe(422);
    expect((await log("wh_nope")).status).toBe(404);
  });

  it("maintenance purges finished deliveries after 30 days and keeps unfinished ones", async () => {
    const created = await subscribe({ url: receiver.url(), events: ["incident.declared"] });
    const id = created.json.id;
    for (let i = 0; i < 2; i++)
      await call(testRoute.POST, `${PATH}/${id}/test`, { method: "POST", params: { id }, ...admin });
    await runQueued();
    await call(testRoute.POST, `${PATH}/${id}/test`, { method: "POST", params: { id }, ...admin });
    const db = await getDb();
    expect(await purgeOldDeliveries(db, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await purgeOldDeliveries(db, new Date(Date.now() + 31 * 86_400_000))).toBe(2);
    expect(await queryRows<{ status: string }>(sql`select status from webhook_deliveries`)).toEqual([
      { status: "pending" },
    ]);
    expect(await queryRows(sql`select id from webhook_delivery_attempts`)).toEqual([]);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as webhooks from "@/app/api/webhooks/route";
import * as webhook from "@/app/api/webhooks/[id]/route";
import * as deliveries from "@/app/api/webhooks/[id]/deliveries/route";
import { getDb } from "@/db/client";
import { dispatchEvents } from "@/lib/events/consumers";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deliverWebhook, type DeliverOptions } from "@/lib/webhooks/deliver-webhook";
import { webhooksConsumer } from "@/lib/webhooks/fanout-consumer";
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

/** Runs every queued first attempt (what the workers would do). */
async function runQueued(options: DeliverOptions = {}) {
  const db = await getDb();
  const reports = [];
  for (const job of await deliveryJobs()) reports.push(await deliverWebhook(db, job.data, options));
  return reports;
}

describe("delivery failures", () => {
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
});

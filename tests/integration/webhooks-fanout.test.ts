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
import { deliverWebhook, type DeliverOptions } from "@/lib/webhooks/deliver-webhook";
import { webhooksConsumer } from "@/lib/webhooks/fanout-consumer";
import { purgeOldDeliveries } from "@/lib/webhooks/purge-old-deliveries";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";

// Deliveries are driven by calling the job's handler directly (no workers here), so each attempt,
// its clock and its resolver are under the test's control; webhooks-delivery.test.ts runs the real workers.
const PATH = "/api/webhooks";
const admin = { as: "admin" as const };
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

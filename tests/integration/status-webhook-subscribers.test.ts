import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as hooksRoute from "@/app/api/status-pages/[id]/webhook-subscribers/route";
import * as hookRoute from "@/app/api/status-pages/[id]/webhook-subscribers/[subscriberId]/route";
import * as listRoute from "@/app/api/status-pages/[id]/subscribers/route";
import * as incidentRoute from "@/app/api/status-pages/[id]/incidents/[incidentId]/route";
import * as signupRoute from "@/app/status/[slug]/subscribe-webhook/route";
import * as confirmRoute from "@/app/status/[slug]/webhook-subscription/confirm/route";
import { getDb } from "@/db/client";
import { statusFanoutConsumer } from "@/lib/status-pages/fanout-consumer";
import type { HookUpdateJobData } from "@/lib/status-pages/hook-job-specs";
import { hookUpdateChunk } from "@/lib/status-pages/hook-update-job";
import { call, queryRows } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";
import { runQueued } from "@/tests/support/run-queued";
import {
  addComponent,
  createPage,
  post,
  postUpdate,
  publicPage,
  publish,
  resetStatusPages,
} from "@/tests/support/status-pages";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";

// Webhook and chat subscribers of a status page (decision 0124), against a real local receiver.
let receiver: Receiver;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
});
beforeEach(async () => {
  await resetStatusPages();
  receiver.received.length = 0;
  receiver.answerWith((_r, response) => response.writeHead(204).end());
});

const addHook = (pageId: string, body: unknown, as: "admin" | "responder" | "viewer" = "responder") =>
  post(hooksRoute.POST, `/api/status-pages/${pageId}/webhook-subscribers`, body, {
    params: { id: pageId },
    as,
  });
const listHooks = async (pageId: string) =>
  (await call(hooksRoute.GET, `/api/status-pages/${pageId}/webhook-subscribers`, { params: { id: pageId } }))
    .json.subscribers as { id: string; type: string; status: string; delivery: Record<string, number> }[];
let ip = 10;
const signUp = (fields: [string, string][]) =>
  call(signupRoute.POST, "/status/acme/subscribe-webhook", {
    method: "POST",
    as: "anonymous",
    rawBody: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.51.100.${ip++}` },
    params: { slug: "acme" },
  });
const deliveries = () =>
  queryRows<{ status: string; attempts: number; update_id: string | null }>(
    sql`SELECT status, attempts, update_id FROM status_webhook_deliveries ORDER BY created_at, id`,
  );
const deliverAll = async () => {
  await runConsumers([statusFanoutConsumer]);
  await runQueued("status-pages.hook-update");
  await runQueued("status-pages.hook-deliver");
};

describe("webhook and chat subscribers", () => {
  it("posts each update once to each matching subscriber: signed JSON, escaped Slack text", async () => {
    const page = await createPage();
    const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    const search = await addComponent(page.id, { name: "Search", services: ["search"] });
    const hook = await addHook(page.id, { type: "webhook", url: receiver.url("/hook") });
    expect(hook.status, hook.text).toBe(201);
    expect(hook.json.secret).toMatch(/^whsec_/);
    expect(hook.json.status).toBe("confirmed");
    const slack = await addHook(page.id, {
      type: "slack",
      url: receiver.url("/slack"),
      components: [payments.id],
    });
    expect(slack.status, slack.text).toBe(201);
    expect(slack.json.secret).toBeNull();
    expect(
      (await addHook(page.id, { type: "discord", url: receiver.url("/discord"), components: [search.id] }))
        .status,
    ).toBe(201);
    expect((await addHook(page.id, { type: "webhook", url: receiver.url("/hook") })).status).toBe(409);

    const published = await publish(page.id, {
      title: "Payments <!channel> are slow @here",
      body: "We are on it & <https://evil.example|click>",
      components: [{ componentId: payments.id, status: "partial_outage" }],
    });
    expect(published.status, published.text).toBe(201);
    await runConsumers([statusFanoutConsumer]);
    await runConsumers([statusFanoutConsumer]);
    const chunks = await queryRows<{ data: HookUpdateJobData }>(
      sql`SELECT data FROM pgboss.job WHERE name = 'status-pages.hook-update'`,
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0].data.subscriberIds).toHaveLength(2);
    expect(await runQueued("status-pages.hook-update")).toBe(1);
    // A re-run of the chunk job (redelivery, a second instance) makes no second delivery.
    expect(await hookUpdateChunk(await getDb(), chunks[0].data)).toBe(0);
    expect(await runQueued("status-pages.hook-deliver")).toBe(2);
    expect(await runQueued("status-pages.hook-deliver")).toBe(0);

    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/hook", "/slack"]);
    const json = receiver.received.find((r) => r.path === "/hook")!;
    expect(verifyStandardWebhook(hook.json.secret, json.headers, json.body)).toBe(true);
    expect(verifyStandardWebhook(hook.json.secret, json.headers, json.body.replace("slow", "fast"))).toBe(
      false,
    );
    const payload = JSON.parse(json.body);
    const incidentId = published.json.id;
    expect(payload).toEqual({
      type: "public_incident.created",
      page: { slug: "acme", name: "Acme", url: expect.stringMatching(/\/status\/acme$/) },
      incident: {
        id: incidentId,
        title: "Payments <!channel> are slow @here",
        phase: "investigating",
        url: expect.stringMatching(new RegExp(`/status/acme#${incidentId}$`)),
      },
      update: {
        id: published.json.updates[0].id,
        title: "Payments <!channel> are slow @here",
        body: "We are on it & <https://evil.example|click>",
        components: [{ name: "Payments", status: "partial_outage" }],
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
    const chat = JSON.parse(receiver.received.find((r) => r.path === "/slack")!.body);
    // What Slack parses as mrkdwn (the fallback and every mrkdwn block); plain_text is never parsed.
    const mrkdwn: string[] = [chat.text];
    JSON.stringify(chat.blocks, (key, value) => {
      if (value && value.type === "mrkdwn") mrkdwn.push(value.text);
      return value;
    });
    expect(mrkdwn.length).toBeGreaterThan(3);
    expect(chat.text).toContain("&lt;!channel&gt;");
    for (const text of mrkdwn) {
      expect(text).not.toContain("<!channel>");
      expect(text).not.toContain("<https://evil.example|click>");
      expect(text).not.toMatch(/@here\b/);
    }
    expect(chat.text).toMatch(/<http:\/\/[^|]+\/status\/acme#pi_[0-9a-f]+\|Status page>$/);

    // Counts: per subscriber in the list, per update next to the mail counts.
    const counts = Object.fromEntries((await listHooks(page.id)).map((s) => [s.type, s.delivery]));
    expect(counts).toEqual({
      webhook: { sent: 1, failed: 0, pending: 0 },
      slack: { sent: 1, failed: 0, pending: 0 },
      discord: { sent: 0, failed: 0, pending: 0 },
    });
    const view = await call(incidentRoute.GET, `/api/status-pages/${page.id}/incidents/${incidentId}`, {
      params: { id: page.id, incidentId },
    });
    expect(view.json.updates[0].hookDelivery).toEqual({ sent: 2, failed: 0, pending: 0 });
    expect(view.json.updates[0].delivery).toEqual({ sent: 0, failed: 0, pending: 0 });

    // A resolution naming no component still reaches those of the components it touched.
    receiver.received.length = 0;
    expect((await postUpdate(page.id, incidentId, { phase: "resolved", body: "Fixed." })).status).toBe(201);
    await deliverAll();
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/hook", "/slack"]);
    const resolved = JSON.parse(receiver.received.find((r) => r.path === "/hook")!.body);
    expect(resolved.type).toBe("public_incident.resolved");
    expect(resolved.incident.phase).toBe("resolved");
  });

  it("retries after a 500 with the same webhook-id, counting it pending until it succeeds", async () => {
    const page = await createPage();
    const hook = await addHook(page.id, { type: "webhook", url: receiver.url() });
    let answers = 0;
    receiver.answerWith((_r, response) => response.writeHead(answers++ === 0 ? 500 : 200).end());
    const published = await publish(page.id, { title: "Slow", body: "Looking." });
    await runConsumers([statusFanoutConsumer]);
    await runQueued("status-pages.hook-update");
    expect(await runQueued("status-pages.hook-deliver")).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: "retrying", attempts: 1 }]);
    const pending = await call(
      incidentRoute.GET,
      `/api/status-pages/${page.id}/incidents/${published.json.id}`,
      {
        params: { id: page.id, incidentId: published.json.id },
      },
    );
    expect(pending.json.updates[0].hookDelivery).toEqual({ sent: 0, failed: 0, pending: 1 });
    expect(await runQueued("status-pages.hook-deliver")).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: "succeeded", attempts: 2 }]);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].headers["webhook-id"]).toBe(receiver.received[1].headers["webhook-id"]);
    for (const r of receiver.received)
      expect(verifyStandardWebhook(hook.json.secret, r.headers, r.body)).toBe(true);
    expect((await listHooks(page.id))[0].delivery).toEqual({ sent: 1, failed: 0, pending: 0 });

    // A 4xx is permanent: counted failed, not retried.
    receiver.answerWith((_r, response) => response.writeHead(400).end());
    await postUpdate(page.id, published.json.id, { phase: "identified", body: "Found it." });
    await deliverAll();
    expect(await runQueued("status-pages.hook-deliver")).toBe(0);
    expect((await listHooks(page.id))[0].delivery).toEqual({ sent: 1, failed: 1, pending: 0 });
  });

  it("refuses private and metadata addresses (422) and bad input (422), and only managers add them", async () => {
    const page = await createPage();
    const other = await createPage({ name: "Other", slug: "other" });
    const foreign = await addComponent(other.id, { name: "Elsewhere" });
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    try {
      for (const url of [
        "http://127.0.0.1:9/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
      ]) {
        const res = await addHook(page.id, { type: "webhook", url });
        expect(res.status, url).toBe(422);
        expect(res.json.errors[0].path).toBe("url");
      }
      const publicForm = await signUp([
        ["type", "slack"],
        ["url", "http://10.0.0.1/hooks"],
      ]);
      expect(publicForm.status).toBe(422);
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
    }
    for (const body of [
      { type: "sms", url: receiver.url() },
      { type: "webhook", url: "not a url" },
      { type: "webhook", url: "ftp://example.com/x" },
      { type: "webhook" },
      { type: "webhook", url: receiver.url(), components: [foreign.id] },
      { type: "webhook", url: receiver.url(), components: [] },
      { type: "webhook", url: receiver.url(), secret: "mine" },
    ])
      expect((await addHook(page.id, body)).status, JSON.stringify(body)).toBe(422);
    expect((await addHook(page.id, { type: "webhook", url: receiver.url() }, "viewer")).status).toBe(403);
    expect(await listHooks(page.id)).toEqual([]);
    expect((await queryRows(sql`SELECT id FROM status_webhook_subscribers`)).length).toBe(0);
  });

  it("verifies a public sign-up's URL before posting updates to it", async () => {
    const page = await createPage();
    const html = (await publicPage("acme")).text;
    expect(html).toContain('<form method="post" action="/status/acme/subscribe-webhook">');
    expect(html).toContain('<option value="slack">Slack</option>');
    const answer = await signUp([
      ["type", "webhook"],
      ["url", receiver.url("/public")],
    ]);
    expect(answer.status, answer.text).toBe(200);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(answer.text)![0];
    await publish(page.id, { title: "Before confirming", body: "Not for the pending one." });
    await deliverAll();
    expect(receiver.received).toHaveLength(1);
    const verification = receiver.received[0];
    expect(verifyStandardWebhook(secret, verification.headers, verification.body)).toBe(true);
    const message = JSON.parse(verification.body);
    expect(message.type).toBe("status_page.subscription_verification");
    const link = new URL(message.confirmUrl);
    const confirm = (method: "GET" | "POST", search = link.search) =>
      call(method === "GET" ? confirmRoute.GET : confirmRoute.POST, link.pathname + search, {
        method,
        as: "anonymous",
        params: { slug: "acme" },
      });
    // Opening the link (a chat's preview) only asks.
    expect((await confirm("GET")).status).toBe(200);
    expect((await listHooks(page.id))[0].status).toBe("pending");
    expect((await confirm("POST", "?token=" + "x".repeat(43))).status).toBe(404);
    expect((await confirm("POST")).status).toBe(200);
    expect((await confirm("POST")).status).toBe(404);
    expect((await listHooks(page.id))[0].status).toBe("confirmed");

    receiver.received.length = 0;
    await publish(page.id, { title: "After confirming", body: "For everyone." });
    await deliverAll();
    expect(receiver.received.map((r) => JSON.parse(r.body).update.title)).toEqual(["After confirming"]);
    expect(verifyStandardWebhook(secret, receiver.received[0].headers, receiver.received[0].body)).toBe(true);

    // A confirmed URL cannot be reset by a stranger; bad fields are 422 pages.
    expect(
      (
        await signUp([
          ["type", "webhook"],
          ["url", receiver.url("/public")],
        ])
      ).status,
    ).toBe(409);
    expect(
      (
        await signUp([
          ["type", "fax"],
          ["url", receiver.url("/x")],
        ])
      ).status,
    ).toBe(422);
    const audit = await queryRows<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE action LIKE 'status_webhook_subscriber.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "status_webhook_subscriber.requested",
      "status_webhook_subscriber.confirmed",
    ]);
  });

  it("lists them among the subscribers (JSON and CSV) with their type, and deletes them", async () => {
    const page = await createPage();
    const created = await addHook(page.id, { type: "teams", url: `${receiver.url("/teams/secret-key")}` });
    const list = await call(listRoute.GET, `/api/status-pages/${page.id}/subscribers`, {
      params: { id: page.id },
    });
    expect(list.json.subscribers).toMatchObject([{ type: "teams", email: null, status: "confirmed" }]);
    expect(list.json.subscribers[0].address).not.toContain("secret-key");
    const csv = await call(listRoute.GET, `/api/status-pages/${page.id}/subscribers?format=csv`, {
      params: { id: page.id },
    });
    expect(csv.text.split("\n")[0]).toContain("type,address");
    expect(csv.text).toContain(",teams,http://127.0.0.1:");
    const path = `/api/status-pages/${page.id}/webhook-subscribers/${created.json.id}`;
    const del = () =>
      call(hookRoute.DELETE, path, {
        method: "DELETE",
        params: { id: page.id, subscriberId: created.json.id },
      });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect(await listHooks(page.id)).toEqual([]);
  });
});

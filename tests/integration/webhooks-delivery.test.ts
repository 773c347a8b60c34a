import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as webhooks from "@/app/api/webhooks/route";
import * as deliveries from "@/app/api/webhooks/[id]/deliveries/route";
import { startJobs, stopJobs } from "@/lib/jobs/start-jobs";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";

// The whole path with running workers: API change → outbox → dispatch job → webhooks.fanout →
// webhooks.deliver job → HTTP to a local receiver, and the retry queued by a failed attempt.
let receiver: Receiver;

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  receiver = await startReceiver();
  await resetDatabase();
  await startJobs({ pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await stopJobs(2000);
  await receiver.close();
});

async function waitFor(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

describe("webhook delivery through the job workers", () => {
  it("delivers declared, status_changed and update_posted, each signed and exactly once", async () => {
    const created = await call(webhooks.POST, "/api/webhooks", {
      method: "POST",
      as: "admin",
      body: {
        url: receiver.url(),
        events: ["incident.declared", "incident.status_changed", "incident.update_posted"],
      },
    });
    const declared = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: validIncident,
    });
    const id = declared.json.id;
    await call(item.PATCH, `/api/dashboard/incidents/${id}`, {
      method: "PATCH",
      params: { id },
      body: { status: "investigating" },
    });
    await call(timeline.POST, `/api/dashboard/incidents/${id}/timeline`, {
      method: "POST",
      params: { id },
      body: { type: "update", message: "Mitigation in progress." },
    });
    await waitFor(() => receiver.received.length >= 3, "three deliveries");
    const types = receiver.received.map((r) => JSON.parse(r.body).type).sort();
    expect(types).toEqual(["incident.declared", "incident.status_changed", "incident.update_posted"]);
    for (const request of receiver.received)
      expect(verifyStandardWebhook(created.json.secret, request.headers, request.body)).toBe(true);
    await waitFor(
      async () =>
        (await queryRows(sql`select id from webhook_deliveries where status <> 'succeeded'`)).length === 0,
      "all marked succeeded",
    );
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(3);
    expect(receiver.received).toHaveLength(3);
  });

  it("retries a receiver answering 500 with the same webhook-id, and logs both attempts", async () => {
    receiver.received.length = 0;
    let answers = 0;
    receiver.answerWith((_r, response) => response.writeHead(answers++ === 0 ? 500 : 202).end());
    const created = await call(webhooks.POST, "/api/webhooks", {
      method: "POST",
      as: "admin",
      body: { url: receiver.url("/flaky"), events: ["incident.severity_changed"] },
    });
    const [incident] = await queryRows<{ id: string }>(sql`select id from incidents`);
    await call(item.PATCH, `/api/dashboard/incidents/${incident.id}`, {
      method: "PATCH",
      params: { id: incident.id },
      body: { severity: "SEV2" },
    });
    await waitFor(() => receiver.received.filter((r) => r.path === "/flaky").length >= 2, "the retry");
    const flaky = receiver.received.filter((r) => r.path === "/flaky");
    expect(flaky[0].headers["webhook-id"]).toBe(flaky[1].headers["webhook-id"]);
    for (const request of flaky)
      expect(verifyStandardWebhook(created.json.secret, request.headers, request.body)).toBe(true);
    const id = created.json.id;
    await waitFor(
      async () =>
        (await call(deliveries.GET, `/api/webhooks/${id}/deliveries`, { params: { id }, as: "admin" })).json
          .items[0]?.status === "succeeded",
      "success recorded",
    );
    const log = await call(deliveries.GET, `/api/webhooks/${id}/deliveries`, { params: { id }, as: "admin" });
    expect(log.json.items).toHaveLength(1);
    expect(log.json.items[0].attemptLog).toMatchObject([
      { attempt: 1, statusCode: 500, willRetry: true },
      { attempt: 2, statusCode: 202, error: null, willRetry: false },
    ]);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as hooksRoute from "@/app/api/status-pages/[id]/webhook-subscribers/route";
import { getDb } from "@/db/client";
import type { HookMaintenanceJobData } from "@/lib/status-pages/hook-job-specs";
import { hookMaintenanceChunk } from "@/lib/status-pages/hook-maintenance-job";
import { maintenanceFanoutConsumer } from "@/lib/status-pages/maintenance-fanout-consumer";
import { queryRows } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";
import { inHours, patch, schedule } from "@/tests/support/maintenance";
import { runQueued } from "@/tests/support/run-queued";
import { addComponent, createPage, post, resetStatusPages } from "@/tests/support/status-pages";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";

// Maintenance events reach webhook and chat subscribers too (decisions 0122, 0124), once each.
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

const addHook = (pageId: string, body: unknown) =>
  post(hooksRoute.POST, `/api/status-pages/${pageId}/webhook-subscribers`, body, { params: { id: pageId } });

describe("maintenance to webhook and chat subscribers", () => {
  it("posts scheduled and cancelled once to each subscriber whose choice names its components", async () => {
    const page = await createPage({ timeZone: "Europe/Berlin" });
    const api = await addComponent(page.id, { name: "API" });
    const search = await addComponent(page.id, { name: "Search" });
    const hook = await addHook(page.id, { type: "webhook", url: receiver.url("/hook") });
    expect(hook.status, hook.text).toBe(201);
    const slack = await addHook(page.id, {
      type: "slack",
      url: receiver.url("/slack"),
      components: [api.id],
    });
    expect(slack.status, slack.text).toBe(201);
    // Chose only Search: this maintenance is not theirs.
    const other = await addHook(page.id, {
      type: "webhook",
      url: receiver.url("/other"),
      components: [search.id],
    });
    expect(other.status, other.text).toBe(201);

    const scheduled = await schedule(page.id, {
      title: "Database <!channel> upgrade",
      body: "We upgrade the primary database.",
      startsAt: inHours(2),
      endsAt: inHours(3),
      components: [api.id],
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    await runConsumers([maintenanceFanoutConsumer]);
    const chunks = await queryRows<{ data: HookMaintenanceJobData }>(
      sql`SELECT data FROM pgboss.job WHERE name = 'status-pages.hook-maintenance'`,
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0].data).toMatchObject({ maintenanceId: scheduled.json.id, kind: "scheduled" });
    expect(chunks[0].data.subscriberIds.sort()).toEqual([hook.json.id, slack.json.id].sort());
    expect(await runQueued("status-pages.hook-maintenance")).toBe(1);
    // A redelivered chunk makes no second delivery.
    expect(await hookMaintenanceChunk(await getDb(), chunks[0].data)).toBe(0);
    expect(await runQueued("status-pages.hook-deliver")).toBe(2);

    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/hook", "/slack"]);
    const json = receiver.received.find((r) => r.path === "/hook")!;
    expect(verifyStandardWebhook(hook.json.secret, json.headers, json.body)).toBe(true);
    expect(JSON.parse(json.body)).toEqual({
      type: "maintenance.scheduled",
      page: { slug: "acme", name: "Acme", url: expect.stringMatching(/\/status\/acme$/) },
      maintenance: {
        id: scheduled.json.id,
        title: "Database <!channel> upgrade",
        body: "We upgrade the primary database.",
        startsAt: scheduled.json.startsAt,
        endsAt: scheduled.json.endsAt,
        components: ["API"],
        url: expect.stringMatching(new RegExp(`/status/acme#${scheduled.json.id}$`)),
      },
    });
    const text = JSON.parse(receiver.received.find((r) => r.path === "/slack")!.body).text as string;
    expect(text).toContain("Scheduled maintenance: Database &lt;!channel&gt; upgrade");
    expect(text).not.toContain("<!channel>");

    receiver.received.length = 0;
    const cancelled = await patch(page.id, scheduled.json.id, { state: "cancelled" });
    expect(cancelled.status, cancelled.text).toBe(200);
    await runConsumers([maintenanceFanoutConsumer]);
    expect(await runQueued("status-pages.hook-maintenance")).toBe(1);
    expect(await runQueued("status-pages.hook-deliver")).toBe(2);
    expect(receiver.received.map((r) => JSON.parse(r.body).type ?? "chat").sort()).toEqual([
      "chat",
      "maintenance.cancelled",
    ]);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as policies from "@/app/api/escalation-policies/route";
import * as alertsRoute from "@/app/api/alerts/route";
import * as webhooks from "@/app/api/webhooks/route";
import { getDb } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import { ensureServices } from "@/lib/catalog/references";
import { actOnPageLink, previewPageLink } from "@/lib/paging/act-on-link";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { runQueued } from "@/tests/support/run-queued";
import { startReceiver } from "@/tests/support/webhook-receiver";

// The links in a page notification: they act without a session, so they are the credential.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const HOUR = 3_600_000;

/** A policy paging Priya and Alex at once, and a mail address each (SMTP_URL unset: the mailbox). */
async function setUp() {
  const db = await resetDatabase();
  await ensureServices(db, ["checkout-api"]);
  for (const [userId, address] of [
    ["user_def456", "priya@example.com"],
    ["user_abc123", "alex@example.com"],
  ])
    await db.insert(contactMethods).values({
      id: `cm_${userId}`,
      userId,
      type: "email",
      label: "Work",
      address,
      verifiedAt: new Date(),
      createdAt: new Date(),
    });
  await call(policies.POST, "/api/escalation-policies", {
    method: "POST",
    body: {
      name: "Both",
      isDefault: true,
      steps: [
        {
          delayMinutes: 5,
          targets: [
            { type: "user", userId: "user_def456" },
            { type: "user", userId: "user_abc123" },
          ],
        },
      ],
    },
  });
}

/** Runs the workers' share and answers each recipient's links, read from the mails themselves. */
async function mailedLinks() {
  await runConsumers();
  await runQueued("paging.notify");
  const mails = await queryRows<{ to: string; text: string }>(
    sql`select "to", text from mail_messages order by "to"`,
  );
  return Object.fromEntries(
    mails.map((m) => [
      m.to,
      {
        acknowledge: /Acknowledge \(stops the escalation\): \S+\/pages\/act\/(\S+)/.exec(m.text)?.[1],
        resolve: /Resolve: \S+\/pages\/act\/(\S+)/.exec(m.text)?.[1],
      },
    ]),
  );
}
const pageState = async () => (await queryRows<{ state: string }>(sql`select state from pages`))[0].state;

beforeEach(setUp);

describe("acknowledge from the mail", () => {
  it("shows a confirmation first, then acknowledges as the person the link was sent to, once", async () => {
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV1", services: ["checkout-api"] },
    });
    const links = await mailedLinks();
    const priya = links["priya@example.com"].acknowledge!;
    expect(priya).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // An incident is resolved on its own page: its mails offer no Resolve link.
    expect(links["priya@example.com"].resolve).toBeUndefined();
    const db = await getDb();

    // Opening the link (a mail scanner's prefetch too) changes nothing.
    expect(await previewPageLink(db, priya)).toMatchObject({
      valid: true,
      action: "acknowledge",
      userName: "Priya Natarajan",
    });
    expect(await pageState()).toBe("triggered");

    const page = await actOnPageLink(db, priya);
    expect(page.state).toBe("acknowledged");
    const [row] = await queryRows<{ acknowledged_by: string }>(sql`select acknowledged_by from pages`);
    expect(row.acknowledged_by).toBe("user_def456");
    await expect(actOnPageLink(db, priya)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("already used"),
    });
    expect(await previewPageLink(db, priya)).toMatchObject({ valid: false });
    // Alex's link is still unused, but the page was answered: 422, and his link stays usable.
    await expect(actOnPageLink(db, links["alex@example.com"].acknowledge!)).rejects.toMatchObject({
      code: "invalid_transition",
    });
    const used = await queryRows<{ user_id: string }>(
      sql`select user_id from page_action_links where used_at is not null`,
    );
    expect(used).toEqual([{ user_id: "user_def456" }]);
  });

  it("refuses forged, altered and expired links with 403 and changes nothing", async () => {
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV1", services: ["checkout-api"] },
    });
    const token = (await mailedLinks())["alex@example.com"].acknowledge!;
    const db = await getDb();
    const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const bad of ["x".repeat(43), altered, "", "short"])
      await expect(actOnPageLink(db, bad)).rejects.toMatchObject({ code: "forbidden" });
    const tomorrow = new Date(Date.now() + 25 * HOUR);
    await expect(actOnPageLink(db, token, tomorrow)).rejects.toMatchObject({
      code: "forbidden",
      message: "This link has expired (links work for 24 hours).",
    });
    // A disabled account's links stop working.
    await db.execute(sql`update users set disabled_at = now() where id = 'user_abc123'`);
    await expect(actOnPageLink(db, token)).rejects.toMatchObject({ code: "forbidden" });
    expect(await pageState()).toBe("triggered");
    expect(await queryRows(sql`select 1 from page_action_links where used_at is not null`)).toEqual([]);
  });

  it("announces page events to webhook subscribers, for an alert's page too", async () => {
    const receiver = await startReceiver();
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
    try {
      const subscribed = await call(webhooks.POST, "/api/webhooks", {
        method: "POST",
        as: "admin",
        body: { url: receiver.url(), events: ["page.triggered", "page.acknowledged"] },
      });
      expect(subscribed.status).toBe(201);
      await call(alertsRoute.POST, "/api/alerts", {
        method: "POST",
        body: {
          title: "Checkout 5xx",
          service: "checkout-api",
          environment: "production",
          severity: "critical",
          status: "firing",
          dedupKey: "co-5xx-hook",
        },
      });
      const links = await mailedLinks();
      await actOnPageLink(await getDb(), links["alex@example.com"].acknowledge!);
      await runConsumers();
      await runQueued("webhooks.deliver");
      const bodies = receiver.received.map(
        (r) => JSON.parse(r.body) as { type: string; data: { changes: Record<string, unknown> } },
      );
      expect(bodies.map((b) => b.type)).toEqual(["page.triggered", "page.acknowledged"]);
      expect(bodies[1].data.changes).toMatchObject({
        pageId: expect.stringMatching(/^pg_/),
        alertId: expect.stringMatching(/^alt_/),
        message: "Alex Chen acknowledged the page.",
      });
    } finally {
      await receiver.close();
      delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    }
  });

  it("resolves an alert's page from its Resolve link", async () => {
    await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Checkout 5xx",
        service: "checkout-api",
        environment: "production",
        severity: "critical",
        status: "firing",
        dedupKey: "co-5xx",
      },
    });
    const resolve = (await mailedLinks())["priya@example.com"].resolve!;
    expect(resolve).toBeDefined();
    const page = await actOnPageLink(await getDb(), resolve);
    expect(page).toMatchObject({ state: "resolved", alertId: expect.stringMatching(/^alt_/) });
    const events = await queryRows<{ type: string }>(
      sql`select type from events where type like 'page.%' order by id`,
    );
    expect(events.map((e) => e.type)).toEqual([
      "page.triggered",
      "page.notified",
      "page.notified",
      "page.resolved",
    ]);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as incidentItem from "@/app/api/dashboard/incidents/[id]/route";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as policies from "@/app/api/escalation-policies/route";
import * as overrides from "@/app/api/services/[slug]/overrides/route";
import * as serviceItem from "@/app/api/services/[slug]/route";
import * as ack from "@/app/api/pages/[id]/acknowledge/route";
import * as reassign from "@/app/api/pages/[id]/reassign/route";
import * as pageItem from "@/app/api/pages/[id]/route";
import * as pagesRoute from "@/app/api/pages/route";
import { ensureServices } from "@/lib/catalog/references";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { defaultPolicyOf, verifiedEmail } from "@/tests/support/paging-setup";
import { runQueued } from "@/tests/support/run-queued";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// The paging engine end to end, with the queue's jobs run by hand where workers would run them:
// a policy, a declared SEV1, step 1, the mail at a real SMTP server, step 2, acknowledgement.
let smtp: SmtpTestServer;

const log = async (pageId: string) =>
  (await call(pageItem.GET, `/api/pages/${pageId}`, { params: { id: pageId } })).json.log.map(
    (e: { message: string }) => e.message,
  ) as string[];

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

beforeEach(async () => {
  const db = await resetDatabase();
  smtp.received.length = 0;
  await ensureServices(db, ["checkout-api"]);
});

describe("paging an incident", () => {
  it("pages step 1 by mail, escalates to step 2, stops on acknowledgement, resolves with the incident", async () => {
    await verifiedEmail("user_def456", "priya@example.com");
    await verifiedEmail("user_abc123", "alex@example.com");
    const policy = await call(policies.POST, "/api/escalation-policies", {
      method: "POST",
      body: {
        name: "Checkout",
        isDefault: true,
        steps: [
          { delayMinutes: 5, targets: [{ type: "user", userId: "user_def456" }] },
          { delayMinutes: 10, targets: [{ type: "user", userId: "user_abc123" }] },
        ],
      },
    });
    expect(policy.status).toBe(201);
    const declared = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV1", services: ["checkout-api"] },
    });
    const incidentId = declared.json.id as string;

    await runConsumers();
    const [page] = (await call(pagesRoute.GET, "/api/pages", { as: "viewer" })).json.items;
    expect(page).toMatchObject({ incidentId, state: "triggered", urgency: "high", service: "checkout-api" });

    // Step 1 ran with the page, and its mail (due at once) was queued in that same transaction.
    expect(await runQueued("paging.notify")).toBe(0);
    expect(await runQueued("mail.send")).toBe(1);
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([["priya@example.com"]]);
    expect(smtp.received[0].parsed.subject).toBe(`[HIGH] Paged: ${incidentId}: ${validIncident.title}`);
    expect(smtp.received[0].parsed.text).toContain(`/incidents/${incidentId}`);

    // Nobody acknowledged within the step's 5 minutes: the timer (queued for then) runs step 2.
    expect(await runQueued("paging.escalate")).toBe(1);
    await runQueued("paging.notify");
    await runQueued("mail.send");
    expect(smtp.received.map((m) => m.envelope.to[0])).toEqual(["priya@example.com", "alex@example.com"]);

    const acked = await call(ack.POST, `/api/pages/${page.id}/acknowledge`, {
      method: "POST",
      params: { id: page.id },
    });
    expect(acked.status).toBe(200);
    expect(acked.json.state).toBe("acknowledged");
    const again = await call(ack.POST, `/api/pages/${page.id}/acknowledge`, {
      method: "POST",
      params: { id: page.id },
    });
    expect(again.status).toBe(422);
    expect(
      (
        await call(ack.POST, `/api/pages/${page.id}/acknowledge`, {
          method: "POST",
          params: { id: page.id },
          as: "viewer",
        })
      ).status,
    ).toBe(403);
    // The step-3 timer queued by step 2 finds the page answered and does nothing.
    expect(await runQueued("paging.escalate")).toBe(1);
    expect(await log(page.id)).toEqual([
      "Paging through Checkout (high urgency, checkout-api).",
      "Paged Priya Natarajan (named in the step) by email.",
      "Escalated to step 2 of Checkout: nobody acknowledged.",
      "Paged Alex Chen (named in the step) by email.",
      "token:test-responder acknowledged the page.",
    ]);

    const resolved = await call(incidentItem.PATCH, `/api/dashboard/incidents/${incidentId}`, {
      method: "PATCH",
      params: { id: incidentId },
      body: { status: "resolved", resolutionSummary: "Fixed" },
    });
    expect(resolved.status).toBe(200);
    await runConsumers();
    const detail = (await call(pageItem.GET, `/api/pages/${page.id}`, { params: { id: page.id } })).json;
    expect(detail.state).toBe("resolved");
    expect(detail.notifications.map((n: { status: string }) => n.status)).toEqual(["sent", "sent"]);
    const kinds = await queryRows<{ kind: string }>(
      sql`select kind from timeline_entries where incident_id = ${incidentId} and kind like 'page_%' order by id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual([
      "page_triggered",
      "page_notified",
      "page_escalated",
      "page_notified",
      "page_acknowledged",
      "page_resolved",
    ]);
  });

  it("skips who cannot be reached with the reason, and hands on at once when a step reaches nobody", async () => {
    await verifiedEmail("user_abc123", "alex@example.com");
    await defaultPolicyOf("Thin", ["user_def456", "user_abc123"]);
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV3", services: ["checkout-api"] },
    });
    await runConsumers();
    const [page] = (await call(pagesRoute.GET, "/api/pages")).json.items;
    expect(page.urgency).toBe("low");
    // Step 1 (run with the page) reached nobody: its successor was queued for now, not in 5 minutes.
    expect(await runQueued("paging.escalate")).toBe(1);
    expect(await log(page.id)).toEqual([
      "Paging through Thin (low urgency, checkout-api).",
      "Skipped Priya Natarajan at step 1: no verified contact method.",
      "Escalated to step 2 of Thin: nobody acknowledged.",
      "Paged Alex Chen (named in the step) by email.",
    ]);
  });

  it("triggers an acknowledged page again after the policy's ack timeout; reassigning pages the new person", async () => {
    await verifiedEmail("user_def456", "priya@example.com");
    await verifiedEmail("user_abc123", "alex@example.com");
    await call(policies.POST, "/api/escalation-policies", {
      method: "POST",
      body: {
        name: "Short leash",
        isDefault: true,
        ackTimeoutMinutes: 30,
        steps: [{ delayMinutes: 5, targets: [{ type: "user", userId: "user_def456" }] }],
      },
    });
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV2", services: ["checkout-api"] },
    });
    await runConsumers();
    const [page] = (await call(pagesRoute.GET, "/api/pages")).json.items;
    await call(ack.POST, `/api/pages/${page.id}/acknowledge`, { method: "POST", params: { id: page.id } });
    // 30 minutes later, still not resolved.
    expect(await runQueued("paging.ack-timeout")).toBe(1);
    expect((await call(pageItem.GET, `/api/pages/${page.id}`, { params: { id: page.id } })).json.state).toBe(
      "triggered",
    );
    await runQueued("paging.escalate");
    const reassigned = await call(reassign.POST, `/api/pages/${page.id}/reassign`, {
      method: "POST",
      params: { id: page.id },
      body: { userId: "user_abc123" },
    });
    expect(reassigned.status).toBe(200);
    const refused = await call(reassign.POST, `/api/pages/${page.id}/reassign`, {
      method: "POST",
      params: { id: page.id },
      body: { userId: "user_viewer" },
    });
    expect(refused.status).toBe(422);
    expect(await log(page.id)).toEqual([
      "Paging through Short leash (high urgency, checkout-api).",
      "Paged Priya Natarajan (named in the step) by email.",
      "token:test-responder acknowledged the page.",
      "Acknowledged 30 minutes ago and not resolved: paging again from step 1.",
      "Paged Priya Natarajan (named in the step) by email.",
      "token:test-responder reassigned the page to Alex Chen (paged by email).",
    ]);
    await runQueued("paging.notify");
    const to = await queryRows<{ to: string }>(sql`select "to" from mail_messages order by created_at, id`);
    expect(to.map((m) => m.to)).toEqual(["priya@example.com", "priya@example.com", "alex@example.com"]);
  });

  it("pages whoever is on call now (an override beats the rotation), repeats the policy, then says it is exhausted", async () => {
    await verifiedEmail("user_def456", "priya@example.com");
    await verifiedEmail("user_abc123", "alex@example.com");
    const now = Date.now();
    await call(serviceItem.PUT, "/api/services/checkout-api", {
      method: "PUT",
      params: { slug: "checkout-api" },
      body: {
        onCall: {
          userIds: ["user_def456"],
          handoffHours: 24,
          startsAt: new Date(now - 3_600_000).toISOString(),
        },
      },
    });
    const cover = await call(overrides.POST, "/api/services/checkout-api/overrides", {
      method: "POST",
      params: { slug: "checkout-api" },
      body: {
        userId: "user_abc123",
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      },
    });
    expect(cover.status).toBe(201);
    await call(policies.POST, "/api/escalation-policies", {
      method: "POST",
      body: {
        name: "Rotation",
        isDefault: true,
        repeat: 1,
        steps: [{ delayMinutes: 1, targets: [{ type: "oncall", service: "checkout-api" }] }],
      },
    });
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV1", services: ["checkout-api"] },
    });
    await runConsumers();
    const [page] = (await call(pagesRoute.GET, "/api/pages")).json.items;
    // Step 1 ran with the page; then pass 2's step 1, then the exhaustion.
    for (let i = 0; i < 2; i++) expect(await runQueued("paging.escalate")).toBe(1);
    expect(await runQueued("paging.escalate")).toBe(0);
    expect(await log(page.id)).toEqual([
      "Paging through Rotation (high urgency, checkout-api).",
      "Paged Alex Chen (on call for checkout-api) by email.",
      "Escalated to step 1 of Rotation (pass 2): nobody acknowledged.",
      "Paged Alex Chen (on call for checkout-api) by email.",
      "Escalation policy Rotation is exhausted after 2 passes: nobody acknowledged. Reassign or acknowledge the page.",
    ]);
    const detail = (await call(pageItem.GET, `/api/pages/${page.id}`, { params: { id: page.id } })).json;
    expect(detail).toMatchObject({ state: "triggered", nextEscalationAt: null });
  });

  it("pages nobody when no policy applies", async () => {
    await call(incidentsRoute.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    await runConsumers();
    expect((await call(pagesRoute.GET, "/api/pages")).json.items).toEqual([]);
  });
});

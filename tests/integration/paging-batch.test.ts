import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as ack from "@/app/api/pages/[id]/acknowledge/route";
import * as pagesRoute from "@/app/api/pages/route";
import { getDb } from "@/db/client";
import { ensureServices } from "@/lib/catalog/references";
import { escalateJob } from "@/lib/paging/escalate-job";
import { escalateJobSpec, type EscalationTimer } from "@/lib/paging/job-specs";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { defaultPolicyOf, verifiedEmail } from "@/tests/support/paging-setup";
import { runQueued } from "@/tests/support/run-queued";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// Step timers due together run as one batch (one transaction, set-based statements): each page of
// the batch escalates exactly as alone, an answered page and a stale or repeated timer do nothing.
let smtp: SmtpTestServer;
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

describe("escalation timers in a batch", () => {
  it("escalates every triggered page of the batch once, and leaves answered pages and stale timers alone", async () => {
    await verifiedEmail("user_def456", "priya@example.com");
    await verifiedEmail("user_abc123", "alex@example.com");
    expect((await defaultPolicyOf("Checkout", ["user_def456", "user_abc123"])).status).toBe(201);
    const ids: string[] = [];
    for (const title of ["Checkout down", "Payments slow", "Search errors"]) {
      const declared = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
        method: "POST",
        body: { ...validIncident, title, severity: "SEV1", services: ["checkout-api"] },
      });
      expect(declared.status).toBe(201);
      ids.push(declared.json.id);
    }
    await runConsumers();
    expect(await runQueued("mail.send")).toBe(3);
    const pages = (await call(pagesRoute.GET, "/api/pages", { as: "viewer" })).json.items as {
      id: string;
      incidentId: string;
    }[];
    const pageOf = (incidentId: string) => pages.find((p) => p.incidentId === incidentId)!.id;
    const answered = pageOf(ids[1]);
    expect(
      (
        await call(ack.POST, `/api/pages/${answered}/acknowledge`, {
          method: "POST",
          params: { id: answered },
        })
      ).status,
    ).toBe(200);

    // What the queue would hand one worker: the three step-2 timers merged, plus a repeat of one.
    const queued = await queryRows<{ data: EscalationTimer }>(
      sql`select data from pgboss.job where name = 'paging.escalate' and state = 'created' order by created_on, id`,
    );
    expect(queued).toHaveLength(3);
    const timers = queued.map((row) => row.data);
    const merged = escalateJobSpec.options.batch!.merge([...timers, timers[0]]);
    await (
      await getDb()
    ).execute(sql`update pgboss.job set state = 'completed' where name = 'paging.escalate'`);
    await escalateJob.handler(escalateJobSpec.payload.parse(merged), {
      jobId: "batch",
      name: escalateJob.name,
      retryCount: 0,
      db: await getDb(),
    });

    const state = await queryRows<{ id: string; state: string; step: number; escalation_seq: number }>(
      sql`select id, state, step, escalation_seq from pages order by id`,
    );
    const byId = new Map(state.map((row) => [row.id, row]));
    for (const incidentId of [ids[0], ids[2]])
      expect(byId.get(pageOf(incidentId))).toMatchObject({ state: "triggered", step: 1, escalation_seq: 3 });
    expect(byId.get(answered)).toMatchObject({ state: "acknowledged", step: 0 });

    // Alex is mailed once per escalated page, in that page's incident thread; nobody for the answered one.
    expect(await runQueued("mail.send")).toBe(2);
    const toAlex = smtp.received.filter((m) => m.envelope.to[0] === "alex@example.com");
    expect(toAlex.map((m) => m.parsed.subject).sort()).toEqual(
      [ids[0], ids[2]].map((id, i) => `[HIGH] Paged: ${id}: ${["Checkout down", "Search errors"][i]}`).sort(),
    );
    const timeline = await queryRows<{ incident_id: string; kind: string; message: string }>(
      sql`select incident_id, kind, data->>'message' as message from timeline_entries
          where kind in ('page_escalated', 'page_notified') order by id`,
    );
    for (const incidentId of [ids[0], ids[2]])
      expect(timeline.filter((e) => e.incident_id === incidentId).map((e) => e.message)).toEqual([
        "Paged Priya Natarajan (named in the step) by email.",
        "Escalated to step 2 of Checkout: nobody acknowledged.",
        "Paged Alex Chen (named in the step) by email.",
      ]);
    expect(timeline.filter((e) => e.incident_id === ids[1]).map((e) => e.kind)).toEqual(["page_notified"]);
    // The escalated pages' next timers (the policy's end) are queued, one each.
    const next = await queryRows<{ page_id: string; seq: number }>(
      sql`select data->>'pageId' as page_id, (data->>'seq')::int as seq from pgboss.job
          where name = 'paging.escalate' and state = 'created' order by 1`,
    );
    expect(next).toEqual(
      [ids[0], ids[2]]
        .map((id) => ({ page_id: pageOf(id), seq: 3 }))
        .sort((a, b) => a.page_id.localeCompare(b.page_id)),
    );
  });
});

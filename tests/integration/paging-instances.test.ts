import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as policies from "@/app/api/escalation-policies/route";
import { getDbHandle } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import { ensureServices } from "@/lib/catalog/references";
import { dispatchEventsJob } from "@/lib/events/dispatch-job";
import { type JobRunner, startJobRunner } from "@/lib/jobs/runner";
import { sendMailJob } from "@/lib/mail/send-job";
import { escalateJob } from "@/lib/paging/escalate-job";
import { notifyJob } from "@/lib/paging/notify-job";
import { call, queryRows, resetDatabase, TEST_TARGET, validIncident } from "@/tests/support/harness";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// Two instances work one queue: every page's notification reaches the SMTP server exactly once.
// On PostgreSQL the two runners really race (their own connections); PGlite queues them on one.
const PAGES = TEST_TARGET === "postgres" ? 200 : 40;
let smtp: SmtpTestServer;
const runners: JobRunner[] = [];

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url();
});
afterAll(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop(2000)));
  delete process.env.SMTP_URL;
  await smtp.close();
});

beforeEach(async () => {
  const db = await resetDatabase();
  await ensureServices(db, ["checkout-api"]);
  await db.insert(contactMethods).values({
    id: "cm_priya",
    userId: "user_def456",
    type: "email",
    label: "Work",
    address: "priya@example.com",
    verifiedAt: new Date(),
    createdAt: new Date(),
  });
});

async function waitFor(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

describe("paging with two instances", () => {
  it(`${PAGES} pages, each notification mailed exactly once`, async () => {
    await call(policies.POST, "/api/escalation-policies", {
      method: "POST",
      body: {
        name: "Checkout",
        isDefault: true,
        steps: [{ delayMinutes: 60, targets: [{ type: "user", userId: "user_def456" }] }],
      },
    });
    const jobs = [dispatchEventsJob, escalateJob, notifyJob, sendMailJob];
    const handle = await getDbHandle();
    for (let i = 0; i < 2; i++)
      runners.push(await startJobRunner(handle, { jobs, pollingIntervalSeconds: 0.5 }));
    const ids: string[] = [];
    for (let i = 0; i < PAGES; i++) {
      const res = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
        method: "POST",
        body: {
          ...validIncident,
          title: `Checkout failing #${i}`,
          severity: "SEV1",
          services: ["checkout-api"],
        },
      });
      ids.push(res.json.id as string);
    }
    await waitFor(async () => smtp.received.length >= PAGES, `${PAGES} mails`);
    // A moment more: a duplicate would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const subjects = smtp.received.map((m) => m.parsed.subject ?? "");
    expect(subjects).toHaveLength(PAGES);
    expect(new Set(subjects).size).toBe(PAGES);
    expect(ids.every((id) => subjects.some((s) => s.includes(id)))).toBe(true);
    const rows = await queryRows<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from page_notifications group by status`,
    );
    // Each handed to the mail queue once (its mail then says "sent").
    expect(rows).toEqual([{ status: "mailed", n: PAGES }]);
    const mails = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from mail_messages where status = 'sent'`,
    );
    expect(mails[0].n).toBe(PAGES);
  });
});

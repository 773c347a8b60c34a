import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as pageItem from "@/app/api/pages/[id]/route";
import * as pagesRoute from "@/app/api/pages/route";
import { getDb } from "@/db/client";
import { ensureServices } from "@/lib/catalog/references";
import { sendMailJob } from "@/lib/mail/send-job";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { defaultPolicyOf, verifiedEmail } from "@/tests/support/paging-setup";
import { runQueued } from "@/tests/support/run-queued";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// The mail server away while a page escalates: the paging panel says "retrying" with the server's
// answer, the step-2 mail of the same incident waits behind the step-1 mail, and once the server is
// back both arrive, in order, once each. Mail jobs are run by hand, one queue run at a time.
let smtp: SmtpTestServer;

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

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
  smtp.reset();
  await ensureServices(db, ["checkout-api"]);
  await verifiedEmail("user_def456", "priya@example.com");
  await verifiedEmail("user_abc123", "alex@example.com");
});

const mailIdTo = async (to: string) =>
  (await queryRows<{ id: string }>(sql`select id from mail_messages where "to" = ${to}`))[0].id;
const runMail = async (mailId: string, retryCount: number) =>
  sendMailJob.handler({ mailId }, { jobId: "test", name: sendMailJob.name, retryCount, db: await getDb() });
const panel = async (pageId: string) =>
  (await call(pageItem.GET, `/api/pages/${pageId}`, { params: { id: pageId } })).json.notifications as {
    status: string;
    detail: string;
    sentAt: string | null;
  }[];

describe("a page's mail while the SMTP server is away", () => {
  it("shows retrying, keeps the incident's mails in order, and delivers each once when it is back", async () => {
    await defaultPolicyOf("Checkout", ["user_def456", "user_abc123"]);
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV1", services: ["checkout-api"] },
    });
    await runConsumers();
    const [page] = (await call(pagesRoute.GET, "/api/pages")).json.items;
    expect((await panel(page.id)).map((n) => n.status)).toEqual(["sending"]);

    smtp.answerWith(() => ({ code: 451, message: "4.3.2 Service shutting down, try later" }));
    const first = await mailIdTo("priya@example.com");
    await expect(runMail(first, 0)).rejects.toThrow(/451/);
    const [retrying] = await panel(page.id);
    expect(retrying.status).toBe("retrying");
    expect(retrying.detail).toContain("451 4.3.2 Service shutting down");
    expect(retrying.sentAt).toBeNull();

    // Five minutes on, nobody acknowledged (nobody got the mail): step 2 mails Alex, in the same thread.
    expect(await runQueued("paging.escalate")).toBe(1);
    const second = await mailIdTo("alex@example.com");
    await expect(runMail(second, 0)).rejects.toThrow(/waiting for/);
    expect((await panel(page.id)).map((n) => n.status)).toEqual(["retrying", "waiting"]);
    expect(smtp.dataCount()).toBe(1);

    // The server is back: the first mail's retry sends it, then the one that waited behind it.
    smtp.answerWith(() => null);
    await runMail(first, 1);
    expect(smtp.received.map((m) => m.envelope.to[0])).toEqual(["priya@example.com", "alex@example.com"]);
    const [a, b] = smtp.received.map((m) => m.parsed);
    expect(b.inReplyTo).toBe(a.inReplyTo);
    const delivered = await panel(page.id);
    expect(delivered.map((n) => n.status)).toEqual(["sent", "sent"]);
    expect(delivered.every((n) => n.sentAt !== null)).toBe(true);
    // The waiting mail's own retry finds it sent: nothing twice.
    await runMail(second, 1);
    expect(smtp.received).toHaveLength(2);
  });
});

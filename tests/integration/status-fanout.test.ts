import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as incidentRoute from "@/app/api/status-pages/[id]/incidents/[incidentId]/route";
import * as subscribeRoute from "@/app/status/[slug]/subscribe/route";
import * as confirmRoute from "@/app/status/[slug]/subscription/confirm/route";
import * as unsubscribeRoute from "@/app/status/[slug]/subscription/unsubscribe/route";
import { getDb } from "@/db/client";
import { sendMailBatchJob } from "@/lib/mail/send-job";
import { MAIL_RETRY_LIMIT } from "@/lib/mail/retry-policy";
import { events as eventsTable } from "@/db/events-schema";
import { statusFanoutConsumer, fanOutUpdate } from "@/lib/status-pages/fanout-consumer";
import { mailUpdateChunk } from "@/lib/status-pages/mail-update-job";
import { call, queryRows, validIncident } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";
import { runQueued } from "@/tests/support/run-queued";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";
import {
  addComponent,
  createPage,
  post,
  postUpdate,
  publish,
  resetStatusPages,
} from "@/tests/support/status-pages";

// Fan-out of public updates to email subscribers (docs/status-pages.md#fan-out, decision 0117).
let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url();
});
afterAll(async () => {
  await smtp.close();
  delete process.env.SMTP_URL;
});
beforeEach(async () => {
  await resetStatusPages();
  smtp.reset();
});

let ip = 10;
const subscribe = (fields: [string, string][]) =>
  call(subscribeRoute.POST, "/status/acme/subscribe", {
    method: "POST",
    as: "anonymous",
    rawBody: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `203.0.113.${ip++}` },
    params: { slug: "acme" },
  });
type Mail = { to: string; text: string; headers: Record<string, string>; dedupe_key: string };
const confirmMailOf = async (to: string) =>
  (await queryRows<Mail>(sql`SELECT "to", text, headers FROM mail_messages WHERE "to" = ${to}`))[0];
async function confirmed(email: string, fields: [string, string][] = []) {
  expect((await subscribe([["email", email], ...fields])).status).toBe(200);
  const link = new URL(/https?:\/\/\S+confirm\?token=\S+/.exec((await confirmMailOf(email)).text)![0]);
  const res = await call(confirmRoute.GET, link.pathname + link.search, {
    as: "anonymous",
    params: { slug: "acme" },
  });
  expect(res.status).toBe(200);
}
const oneClick = (url: URL) =>
  call(unsubscribeRoute.POST, url.pathname + url.search, {
    method: "POST",
    as: "anonymous",
    rawBody: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    params: { slug: "acme" },
  });
const updateMails = () =>
  queryRows<Mail & { status: string; in_reply_to: string | null; message_id: string }>(
    sql`SELECT "to", text, headers, dedupe_key, status, in_reply_to, message_id FROM mail_messages
        WHERE dedupe_key LIKE 'status-update:%' ORDER BY "to", created_at`,
  );
const events = () =>
  queryRows<{ id: number }>(sql`SELECT id FROM events WHERE type LIKE 'public_incident.%' ORDER BY id`);

async function audience() {
  const page = await createPage();
  const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
  const search = await addComponent(page.id, { name: "Search", services: ["search"] });
  await confirmed("all@example.com");
  await confirmed("payments@example.com", [
    ["scope", "some"],
    ["component", payments.id],
  ]);
  await confirmed("search@example.com", [
    ["scope", "some"],
    ["component", search.id],
  ]);
  expect((await subscribe([["email", "pending@example.com"]])).status).toBe(200);
  await confirmed("gone@example.com");
  const gone = await confirmMailOf("gone@example.com");
  const link = new URL(/<(http[^>]+)>/.exec(gone.headers["List-Unsubscribe"])![1]);
  expect((await oneClick(link)).status).toBe(200);
  return { page, payments, search };
}

describe("public update fan-out", () => {
  it("mails exactly the confirmed, matching subscribers once, however often the consumer and chunks run", async () => {
    const { page, payments } = await audience();
    const declared = await post(incidentsRoute.POST, "/api/dashboard/incidents", {
      ...validIncident,
      title: "SECRET-TITLE db password rotated",
      description: "SECRET-DESCRIPTION hunter2",
    });
    const published = await publish(page.id, {
      title: "Payments are slow",
      body: "We are **on it**. <script>alert(1)</script>",
      components: [{ componentId: payments.id, status: "partial_outage" }],
      incidentId: declared.json.id,
    });
    expect(published.status, published.text).toBe(201);
    await runConsumers([statusFanoutConsumer]);
    await runConsumers([statusFanoutConsumer]);
    // A consumer rerun without its mark (a second instance's race) queues the chunks again.
    const [event] = await events();
    await fanOutAgain(event.id);
    const chunks = await queryRows<{ data: { updateId: string; subscriberIds: string[] } }>(
      sql`SELECT data FROM pgboss.job WHERE name = 'status-pages.mail-update'`,
    );
    expect(chunks).toHaveLength(2);
    // Two instances running the same chunk at once: the unique key lets one of them make each mail.
    const db = await getDb();
    const made = await Promise.all([
      mailUpdateChunk(db, chunks[0].data),
      mailUpdateChunk(db, chunks[1].data),
    ]);
    expect(made[0] + made[1]).toBe(2);
    expect(await runQueued("status-pages.mail-update")).toBe(2);
    // A redelivered chunk finds its mails made.
    expect(await mailUpdateChunk(db, chunks[0].data)).toBe(0);

    const mails = await updateMails();
    expect(mails.map((m) => m.to)).toEqual(["all@example.com", "payments@example.com"]);
    await runQueued("mail.send");
    await runQueued("mail.send-batch");
    // The sign-ups' confirmation mails went out too; the update's are the ones of the page's list.
    const received = smtp.received.filter((m) => m.parsed.subject?.startsWith("[Acme status]"));
    expect(received.map((m) => m.envelope.to[0]).sort()).toEqual(["all@example.com", "payments@example.com"]);
    for (const mail of received) {
      const raw = mail.raw;
      expect(raw).not.toContain("SECRET");
      expect(raw).not.toContain("hunter2");
      expect(raw).not.toContain(declared.json.id);
      expect(mail.parsed.subject).toBe("[Acme status] Investigating: Payments are slow");
      expect(mail.parsed.text).toContain("We are **on it**.");
      expect(mail.parsed.html).toContain("<strong>on it</strong>");
      expect(mail.parsed.html).not.toContain("<script>");
      // As sent (mailparser folds List-* headers into one structure of its own).
      const header = (name: string) =>
        mail.parsed.headerLines
          .find((h) => h.key === name)
          ?.line.replace(/\r?\n\s+/g, " ")
          .replace(/^[^:]+:\s*/, "");
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(header("list-unsubscribe")).toMatch(
        /^<http:\/\/[^>]+\/status\/acme\/subscription\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/,
      );
      expect(mail.parsed.messageId).toMatch(/^<.+@.+>$/);
      expect(mail.parsed.inReplyTo).toMatch(/^<thread\.status-incident\./);
    }
    const view = await call(incidentRoute.GET, "", {
      params: { id: page.id, incidentId: published.json.id },
    });
    expect(view.json.updates[0].delivery).toEqual({ sent: 2, failed: 0, pending: 0 });
  });

  it("threads one incident's mails per subscriber, and one-click POST from the mail unsubscribes", async () => {
    const { page, payments } = await audience();
    const published = await publish(page.id, {
      title: "Payments are slow",
      body: "Looking.",
      components: [{ componentId: payments.id, status: "degraded_performance" }],
    });
    // The resolution names no component: it still reaches those who chose the incident's ones.
    await postUpdate(page.id, published.json.id, { phase: "resolved", body: "Fixed." });
    await runConsumers([statusFanoutConsumer]);
    await runQueued("status-pages.mail-update");
    const mails = await updateMails();
    expect(mails.map((m) => m.to)).toEqual([
      "all@example.com",
      "all@example.com",
      "payments@example.com",
      "payments@example.com",
    ]);
    expect(mails[0].in_reply_to).toBe(mails[1].in_reply_to);
    expect(mails[0].in_reply_to).not.toBe(mails[2].in_reply_to);
    const pending = await call(incidentRoute.GET, "", {
      params: { id: page.id, incidentId: published.json.id },
    });
    expect(pending.json.updates.map((u: { delivery: unknown }) => u.delivery)).toEqual([
      { sent: 0, failed: 0, pending: 2 },
      { sent: 0, failed: 0, pending: 2 },
    ]);

    const link = new URL(/<(http[^>]+)>/.exec(mails[2].headers["List-Unsubscribe"])![1]);
    expect((await oneClick(link)).status).toBe(200);
    const [row] = await queryRows<{ status: string }>(
      sql`SELECT status FROM status_page_subscribers WHERE email = 'payments@example.com'`,
    );
    expect(row.status).toBe("unsubscribed");
  });

  it("retries a refused mail with its batch, resends only that one, and counts sent, pending and failed", async () => {
    const { page, payments } = await audience();
    const published = await publish(page.id, {
      title: "Payments are slow",
      body: "Looking.",
      components: [{ componentId: payments.id, status: "partial_outage" }],
    });
    await runConsumers([statusFanoutConsumer]);
    await runQueued("status-pages.mail-update");
    await runQueued("mail.send"); // the sign-ups' confirmation mails
    smtp.reset();
    const [batch] = await queryRows<{ data: { mailIds: string[] } }>(
      sql`SELECT data FROM pgboss.job WHERE name = 'mail.send-batch'`,
    );
    expect(batch.data.mailIds).toHaveLength(2);
    const db = await getDb();
    const run = (retryCount: number) =>
      sendMailBatchJob.handler(batch.data, { jobId: "j", name: "mail.send-batch", retryCount, db });
    const delivery = async () =>
      (await call(incidentRoute.GET, "", { params: { id: page.id, incidentId: published.json.id } })).json
        .updates[0].delivery;
    smtp.answerWith((_mail, index) => (index === 0 ? { code: 451, message: "Try again later" } : null));
    await expect(run(0)).rejects.toThrow(/retried with the batch/);
    expect(await delivery()).toEqual({ sent: 1, failed: 0, pending: 1 });
    await run(1);
    expect(await delivery()).toEqual({ sent: 2, failed: 0, pending: 0 });
    expect(smtp.received.map((m) => m.envelope.to[0]).sort()).toEqual([
      "all@example.com",
      "payments@example.com",
    ]);
    // A second update whose mails are refused until the queue's last run: counted as failed.
    await postUpdate(page.id, published.json.id, { phase: "monitoring", body: "Better." });
    await runConsumers([statusFanoutConsumer]);
    await runQueued("status-pages.mail-update");
    const [, second] = await queryRows<{ data: { mailIds: string[] } }>(
      sql`SELECT data FROM pgboss.job WHERE name = 'mail.send-batch' ORDER BY created_on`,
    );
    smtp.answerWith(() => ({ code: 550, message: "No" }));
    await sendMailBatchJob.handler(second.data, {
      jobId: "k",
      name: "mail.send-batch",
      retryCount: MAIL_RETRY_LIMIT,
      db,
    });
    expect(await delivery()).toEqual({ sent: 0, failed: 2, pending: 0 });
  });
});

/** The consumer's work again, outside dispatch (no consumption mark to stop it). */
async function fanOutAgain(eventId: number) {
  const db = await getDb();
  const [row] = await db.select().from(eventsTable).where(eq(eventsTable.id, eventId));
  await db.transaction((tx) => fanOutUpdate(tx, row));
}

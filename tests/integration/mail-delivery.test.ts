import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/mail-messages/route";
import * as item from "@/app/api/mail-messages/[id]/route";
import { getDb } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { listMailbox } from "@/lib/mail/list-mailbox";
import type { MailInput } from "@/lib/mail/schemas";
import { sendMailJob } from "@/lib/mail/send-job";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// The job's handler is called directly (no workers), once per queue run, with the retryCount the
// queue would pass; the SMTP server is a real one (smtp-server) on a local port.
const admin = { type: "system" as const, name: "test", role: "admin" as const };
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.MAIL_FROM = "Incident Manager <incidents@mail.example.org>";
});
afterAll(async () => {
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});
beforeEach(async () => {
  await resetDatabase();
  smtp.reset();
  process.env.SMTP_URL = smtp.url();
});

const page: MailInput = {
  to: "priya@example.com",
  subject: "[SEV1] INC-2026-0001 Checkout is down",
  text: "You are paged for INC-2026-0001.\nAcknowledge: https://incidents.example.com/ack/1",
  html: '<p>You are paged for <b>INC-2026-0001</b>.</p><p><a href="https://incidents.example.com/ack/1">Acknowledge</a></p>',
  headers: { "List-Unsubscribe": "<https://incidents.example.com/settings/account>" },
};

async function enqueue(message: MailInput, key: string, thread?: string) {
  return runTransaction(await getDb(), (tx) => enqueueMail(tx, message, { key, thread }));
}
const mailJobs = () =>
  queryRows<{ data: { mailId: string } }>(
    sql`select data from pgboss.job where name = 'mail.send' order by created_on, id`,
  );
const mailRow = async (id: string) =>
  (
    await queryRows<{
      status: string;
      attempts: number;
      transport: string;
      last_error: string | null;
      smtp_response: string | null;
      next_attempt_at: Date | null;
      sent_at: Date | null;
      message_id: string;
      in_reply_to: string | null;
    }>(sql`select * from mail_messages where id = ${id}`)
  )[0];
/** One run of the job as the queue would make it: retryCount 0 first, then 1, 2 … */
async function run(mailId: string, retryCount = 0) {
  await sendMailJob.handler(
    { mailId },
    { jobId: "test", name: sendMailJob.name, retryCount, db: await getDb() },
  );
}

describe("mail delivery over SMTP", () => {
  it("sends From, To, Subject, both parts and the extra headers; two mails of a thread thread", async () => {
    const first = await enqueue(page, "page:1:notify:1", "incident:INC-2026-0001");
    const second = await enqueue(
      { ...page, subject: "Re: [SEV1] INC-2026-0001 escalated" },
      "page:1:notify:2",
      "incident:INC-2026-0001",
    );
    expect((await mailJobs()).map((job) => job.data.mailId)).toEqual([first.id, second.id]);
    await run(first.id);
    await run(second.id);

    expect(smtp.received).toHaveLength(2);
    const [a, b] = smtp.received.map((mail) => mail.parsed);
    expect(a.from?.value).toEqual([{ name: "Incident Manager", address: "incidents@mail.example.org" }]);
    expect(smtp.received[0].envelope).toEqual({
      from: "incidents@mail.example.org",
      to: ["priya@example.com"],
    });
    expect(a.subject).toBe(page.subject);
    expect(a.text?.trim()).toBe(page.text);
    expect(a.html).toContain("<b>INC-2026-0001</b>");
    expect(smtp.received[0].raw).toMatch(
      /^List-Unsubscribe: <https:\/\/incidents\.example\.com\/settings\/account>\r$/m,
    );
    expect(a.messageId).toBe(first.messageId);
    expect(b.messageId).toBe(second.messageId);
    expect(a.messageId).toMatch(/^<[0-9a-f-]{36}@mail\.example\.org>$/);
    expect(a.messageId).not.toBe(b.messageId);
    const root = "<thread.incident.INC-2026-0001@mail.example.org>";
    for (const mail of [a, b]) {
      expect(mail.inReplyTo).toBe(root);
      expect(mail.references).toBe(root);
    }

    const row = await mailRow(first.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, transport: "smtp", last_error: null });
    expect(row.smtp_response).toMatch(/^250 /);
    expect(row.sent_at).not.toBeNull();
  });

  it("retries a server answering 451 to the first DATA; the second attempt is sent", async () => {
    smtp.answerWith((_mail, index) =>
      index === 0 ? { code: 451, message: "Temporary local problem, try later" } : null,
    );
    const mail = await enqueue(page, "page:2:notify:1");
    await expect(run(mail.id, 0)).rejects.toThrow(/451/);
    const retrying = await mailRow(mail.id);
    expect(retrying).toMatchObject({ status: "retrying", attempts: 1 });
    expect(retrying.last_error).toContain("451");
    expect(retrying.next_attempt_at).not.toBeNull();
    expect(smtp.received).toHaveLength(0);

    await run(mail.id, 1);
    expect(smtp.dataCount()).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.messageId).toBe(mail.messageId);
    expect(await mailRow(mail.id)).toMatchObject({
      status: "sent",
      attempts: 2,
      last_error: null,
      next_attempt_at: null,
    });
  });

  it("retries when nothing listens, and marks the mail failed on the queue's last run", async () => {
    const closed = await startSmtpServer();
    await closed.close();
    process.env.SMTP_URL = closed.url();
    const mail = await enqueue(page, "page:3:notify:1");
    await expect(run(mail.id, 0)).rejects.toThrow(/ECONNREFUSED/);
    expect(await mailRow(mail.id)).toMatchObject({ status: "retrying", attempts: 1 });
    // A permanent refusal is retried as well; the last run (retryCount = retryLimit) gives up quietly.
    process.env.SMTP_URL = smtp.url();
    smtp.answerWith(() => ({ code: 554, message: "Transaction failed" }));
    await run(mail.id, sendMailJob.options.retryLimit!);
    const failed = await mailRow(mail.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 9, next_attempt_at: null });
    expect(failed.last_error).toMatch(/554.*Gave up after 9 attempts/);
    expect(smtp.received).toHaveLength(0);
  });

  it("queues one mail for one key, however often it is enqueued", async () => {
    const first = await enqueue(page, "page:4:notify:1");
    const again = await enqueue({ ...page, subject: "changed" }, "page:4:notify:1");
    expect(again).toEqual({ ...first, created: false });
    expect(first.created).toBe(true);
    expect(await mailJobs()).toHaveLength(1);
    await run(first.id);
    await run(first.id);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.subject).toBe(page.subject);
  });

  it("queues one mail when two transactions enqueue the same key at once", async () => {
    const [a, b] = await Promise.all([enqueue(page, "page:9:notify:1"), enqueue(page, "page:9:notify:1")]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await mailJobs()).toHaveLength(1);
  });

  it("sends once when two workers run the same job at the same time", async () => {
    const mail = await enqueue(page, "page:5:notify:1");
    await Promise.all([run(mail.id), run(mail.id)]);
    expect(smtp.received).toHaveLength(1);
    expect(await mailRow(mail.id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("without SMTP_URL: the local mailbox", () => {
  it("keeps the mail here, marked sent by the mailbox, readable by admins", async () => {
    delete process.env.SMTP_URL;
    const mail = await enqueue(page, "page:6:notify:1", "incident:INC-2026-0006");
    await run(mail.id);
    expect(smtp.dataCount()).toBe(0);
    expect(await mailRow(mail.id)).toMatchObject({ status: "sent", transport: "mailbox", attempts: 1 });

    const listed = await listMailbox(await getDb(), admin, {});
    expect(listed.items).toMatchObject([{ id: mail.id, to: page.to, subject: page.subject, status: "sent" }]);
    const res = await call(collection.GET, "/api/mail-messages", { as: "admin" });
    expect(res.status).toBe(200);
    expect(res.json.items[0]).toMatchObject({ id: mail.id, transport: "mailbox" });
    const one = await call(item.GET, `/api/mail-messages/${mail.id}`, {
      params: { id: mail.id },
      as: "admin",
    });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({
      text: page.text,
      html: page.html,
      messageId: mail.messageId,
      inReplyTo: "<thread.incident.INC-2026-0006@mail.example.org>",
      headers: page.headers,
    });
  });

  it("pages newest first with a cursor", async () => {
    delete process.env.SMTP_URL;
    const ids = [];
    for (let n = 1; n <= 3; n++) ids.push((await enqueue(page, `page:7:notify:${n}`)).id);
    const first = await call(collection.GET, "/api/mail-messages?limit=2", { as: "admin" });
    expect(first.json.items).toHaveLength(2);
    const next = await call(
      collection.GET,
      `/api/mail-messages?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      { as: "admin" },
    );
    expect(next.json.nextCursor).toBeNull();
    const seen = [...first.json.items, ...next.json.items].map((m: { id: string }) => m.id);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("refuses viewers and responders with 403 problem+json, and answers 404 for an unknown id", async () => {
    const mail = await enqueue(page, "page:8:notify:1");
    for (const as of ["viewer", "responder"] as const) {
      const list = await call(collection.GET, "/api/mail-messages", { as });
      const one = await call(item.GET, `/api/mail-messages/${mail.id}`, { params: { id: mail.id }, as });
      for (const res of [list, one]) {
        expect(res.status).toBe(403);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
      }
    }
    const missing = await call(item.GET, "/api/mail-messages/mail_nope", {
      params: { id: "mail_nope" },
      as: "admin",
    });
    expect(missing.status).toBe(404);
  });
});

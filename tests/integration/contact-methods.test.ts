import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as methodsRoute from "@/app/api/users/me/contact-methods/route";
import * as methodItem from "@/app/api/users/me/contact-methods/[id]/route";
import * as sendRoute from "@/app/api/users/me/contact-methods/[id]/send-verification/route";
import * as verifyRoute from "@/app/api/users/me/contact-methods/[id]/verify/route";
import * as rulesRoute from "@/app/api/users/me/notification-rules/[urgency]/route";
import { getDb } from "@/db/client";
import { JOBS } from "@/lib/jobs/job-list";
import { createUser } from "@/lib/users/create-user";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";
import { sessionCookie } from "@/tests/support/sign-in";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";

// Contact methods and rules through the API as a signed-in responder: codes by real SMTP and by POST.
let smtp: SmtpTestServer;
let receiver: Receiver;
let cookie: string;
let userId: string;
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

async function runQueued(name: string): Promise<number> {
  const db = await getDb();
  const job = JOBS.find((j) => j.name === name)!;
  const queued = await queryRows<{ id: string; data: unknown }>(
    sql`select id, data from pgboss.job where name = ${name} and state = 'created' order by created_on, id`,
  );
  for (const { id, data } of queued) {
    await db.execute(sql`update pgboss.job set state = 'completed' where id = ${id}`);
    await job.handler(job.payload.parse(data), { jobId: id, name, retryCount: 0, db });
  }
  return queued.length;
}

/** As the signed-in person (cookie, same origin), as the settings page's browser would call. */
const asMe = (
  handler: Parameters<typeof call>[0],
  path: string,
  options: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) => call(handler, path, { ...options, as: "anonymous", headers: { cookie, origin: "http://localhost" } });

const create = (body: unknown) =>
  asMe(methodsRoute.POST, "/api/users/me/contact-methods", { method: "POST", body });
const send = (id: string) =>
  asMe(sendRoute.POST, `/api/users/me/contact-methods/${id}/send-verification`, {
    method: "POST",
    params: { id },
  });
const verify = (id: string, code: string) =>
  asMe(verifyRoute.POST, `/api/users/me/contact-methods/${id}/verify`, {
    method: "POST",
    params: { id },
    body: { code },
  });
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1];
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = await startReceiver();
  process.env.SMTP_URL = smtp.url();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  await smtp.close();
  await receiver.close();
});

beforeEach(async () => {
  const db = await resetDatabase();
  smtp.reset();
  receiver.received.length = 0;
  receiver.answerWith((_r, response) => response.writeHead(204).end());
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  const user = await createUser(
    db,
    { type: "system", name: "test", role: "admin" },
    { email: "rita@example.com", name: "Rita Responder", role: "responder", password: "rita-password-123" },
  );
  userId = user.id;
  cookie = await sessionCookie("rita@example.com", "rita-password-123");
});

describe("contact methods", () => {
  it("verifies an e-mail address with the code a real SMTP server received", async () => {
    const created = await create({ type: "email", label: "Work mail", address: "Rita@Example.com" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      type: "email",
      address: "rita@example.com",
      verified: false,
      secret: null,
    });
    const id = created.json.id as string;

    expect((await send(id)).status).toBe(202);
    expect(await runQueued("mail.send")).toBe(1);
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([["rita@example.com"]]);
    const code = codeIn(smtp.received[0].parsed.text!);

    const wrong = await verify(id, wrongCodeFor(code));
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([{ path: "code", message: "Wrong code; 4 tries left." }]);
    const right = await verify(id, code);
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ id, verified: true, verificationPending: false });
    expect((await asMe(methodsRoute.GET, "/api/users/me/contact-methods")).json.items).toMatchObject([
      { id, verified: true },
    ]);

    const audit = await queryRows<{ action: string; diff: unknown; target_id: string }>(
      sql`select action, diff, target_id from audit_events where target_type = 'contact_method' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["contact_method.created", "contact_method.verified"]);
    expect(JSON.stringify(audit)).not.toContain(code);
  });

  it("locks a code after 5 wrong tries, refuses an expired code, and sends at most once a minute", async () => {
    const { id } = (await create({ type: "email", label: "Mail", address: "rita@example.com" })).json;
    await send(id);
    const again = await send(id);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    await runQueued("mail.send");
    expect(smtp.received).toHaveLength(1);
    const code = codeIn(smtp.received[0].parsed.text!);
    for (let i = 0; i < 5; i++) expect((await verify(id, wrongCodeFor(code))).status).toBe(422);
    const locked = await verify(id, code);
    expect(locked.status).toBe(429);
    expect(locked.json.detail).toContain("Send a new code");

    // A minute later a new code may be sent; one that has outlived its 10 minutes is refused.
    await queryRows(sql`update contact_methods set verification_expires_at = now() - interval '1 second'`);
    expect((await send(id)).status).toBe(202);
    await runQueued("mail.send");
    const second = codeIn(smtp.received[1].parsed.text!);
    await queryRows(sql`update contact_methods set verification_expires_at = now() - interval '1 second'`);
    const expired = await verify(id, second);
    expect(expired.status).toBe(422);
    expect(expired.json.errors[0].message).toContain("expired");
    const [row] = await queryRows<{ verified_at: Date | null }>(sql`select verified_at from contact_methods`);
    expect(row.verified_at).toBeNull();
  });

  it("posts the code to a Slack webhook, escaped, and signs the generic webhook's with its secret", async () => {
    const slack = await create({ type: "slack", label: "<#oncall> & co", address: receiver.url("/slack") });
    expect(slack.status).toBe(201);
    expect(slack.json.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/… \(#[0-9a-f]{8}\)$/);
    expect((await send(slack.json.id)).status).toBe(202);
    const slackBody = JSON.parse(receiver.received[0].body);
    expect(slackBody.text).toContain('"&lt;#oncall&gt; &amp; co"');
    expect((await verify(slack.json.id, codeIn(slackBody.text))).json.verified).toBe(true);

    const hook = await create({ type: "webhook", label: "Phone bridge", address: receiver.url("/bridge") });
    expect(hook.json.secret).toMatch(/^whsec_/);
    await send(hook.json.id);
    const posted = receiver.received[1];
    expect(posted.path).toBe("/bridge");
    expect(verifyStandardWebhook(hook.json.secret, posted.headers, posted.body)).toBe(true);
    const body = JSON.parse(posted.body);
    expect(body).toMatchObject({ type: "contact_method.verification", contactMethodId: hook.json.id });
    expect((await verify(hook.json.id, body.code)).status).toBe(200);

    const audit = await queryRows<{ diff: unknown }>(sql`select diff from audit_events`);
    for (const secret of [hook.json.secret, body.code, "/bridge"])
      expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("says when the receiver refuses the code, and lets the person retry at once", async () => {
    receiver.answerWith((_r, response) => response.writeHead(404).end("no_service"));
    const { id } = (await create({ type: "discord", label: "Discord", address: receiver.url() })).json;
    const refused = await send(id);
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toContain("404");
    receiver.answerWith((_r, response) => response.writeHead(204).end());
    expect((await send(id)).status).toBe(202);
  });

  it("refuses private and plain-http chat addresses, bad e-mails, and foreign or missing methods", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    const plain = await create({ type: "slack", label: "x", address: "http://hooks.example.com/x" });
    expect(plain.status).toBe(422);
    expect(plain.json.errors).toEqual([{ path: "address", message: "Must be an https:// URL." }]);
    const privateUrl = await create({ type: "teams", label: "x", address: "https://127.0.0.1/hook" });
    expect(privateUrl.status).toBe(422);
    expect(privateUrl.json.errors[0]).toMatchObject({ path: "address" });
    expect(privateUrl.json.errors[0].message).toContain("loopback");
    const mail = await create({ type: "email", label: "x", address: "not-mail" });
    expect(mail.json.errors).toEqual([{ path: "address", message: "Not an e-mail address." }]);
    const gone = await asMe(methodItem.DELETE, "/api/users/me/contact-methods/cm_nope", {
      method: "DELETE",
      params: { id: "cm_nope" },
    });
    expect(gone.status).toBe(404);
  });

  it("refuses a viewer (403) and an API token, which has no person (403 saying so)", async () => {
    const viewer = await call(methodsRoute.GET, "/api/users/me/contact-methods", { as: "viewer" });
    expect(viewer.status).toBe(403);
    const token = await call(methodsRoute.GET, "/api/users/me/contact-methods", { as: "admin" });
    expect(token.status).toBe(403);
    expect(token.json.detail).toContain("an API token has none");
  });

  it("deletes a method with an audit row", async () => {
    const { id } = (await create({ type: "email", label: "Old", address: "old@example.com" })).json;
    const res = await asMe(methodItem.DELETE, `/api/users/me/contact-methods/${id}`, {
      method: "DELETE",
      params: { id },
    });
    expect(res.status).toBe(204);
    expect((await asMe(methodsRoute.GET, "/api/users/me/contact-methods")).json.items).toEqual([]);
    const [row] = await queryRows<{ action: string }>(
      sql`select action from audit_events order by id desc limit 1`,
    );
    expect(row.action).toBe("contact_method.deleted");
  });
});

describe("notification rules", () => {
  const verifiedMethod = async (label: string, address: string) => {
    const { id } = (await create({ type: "email", label, address })).json;
    await queryRows(sql`update contact_methods set verified_at = now() where id = ${id}`);
    return id as string;
  };
  const rules = (urgency: string) =>
    asMe(rulesRoute.GET, `/api/users/me/notification-rules/${urgency}`, { params: { urgency } });
  const put = (urgency: string, body: unknown) =>
    asMe(rulesRoute.PUT, `/api/users/me/notification-rules/${urgency}`, {
      method: "PUT",
      params: { urgency },
      body,
    });

  it("uses every verified method at once by default, and validates and stores a whole list", async () => {
    expect((await rules("high")).json).toMatchObject({
      usingDefault: true,
      effective: [],
      hasVerifiedMethod: false,
    });
    const mail = await verifiedMethod("Mail", "rita@example.com");
    const other = await verifiedMethod("Other", "rita2@example.com");
    const pending = (await create({ type: "email", label: "Pending", address: "p@example.com" })).json.id;
    expect((await rules("high")).json).toMatchObject({
      usingDefault: true,
      hasVerifiedMethod: true,
      effective: [
        { contactMethodId: mail, delayMinutes: 0 },
        { contactMethodId: other, delayMinutes: 0 },
      ],
    });

    const unverified = await put("high", {
      rules: [
        { contactMethodId: mail, delayMinutes: 0 },
        { contactMethodId: pending, delayMinutes: 1 },
      ],
    });
    expect(unverified.status).toBe(422);
    expect(unverified.json.errors).toEqual([
      { path: "rules.1.contactMethodId", message: 'Rule 2: "Pending" is not verified yet.' },
    ]);
    await queryRows(sql`insert into contact_methods (id, user_id, type, label, address, verified_at, created_at)
      values ('cm_priya', 'user_def456', 'email', 'Priya', 'priya@example.com', now(), now())`);
    const foreign = await put("high", { rules: [{ contactMethodId: "cm_priya", delayMinutes: 0 }] });
    expect(foreign.json.errors).toEqual([
      { path: "rules.0.contactMethodId", message: "Rule 1: not one of your contact methods." },
    ]);
    const tooLate = await put("high", { rules: [{ contactMethodId: mail, delayMinutes: 1441 }] });
    expect(tooLate.status).toBe(422);
    expect(tooLate.json.errors[0].path).toBe("rules.0.delayMinutes");
    expect((await put("urgent", { rules: [] })).status).toBe(422);

    const saved = await put("high", {
      rules: [
        { contactMethodId: other, delayMinutes: 5 },
        { contactMethodId: mail, delayMinutes: 0 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      usingDefault: false,
      rules: [
        { contactMethodId: mail, delayMinutes: 0, label: "Mail" },
        { contactMethodId: other, delayMinutes: 5, label: "Other" },
      ],
    });
    expect((await rules("low")).json.usingDefault).toBe(true);
    const [audit] = await queryRows<{ action: string; target_id: string; diff: { rules: { to: string[] } } }>(
      sql`select action, target_id, diff from audit_events where action = 'notification_rules.changed'`,
    );
    expect(audit.target_id).toBe(userId);
    expect(audit.diff.rules.to).toEqual(["Mail (email) after 0 min", "Other (email) after 5 min"]);

    expect((await put("high", { rules: [] })).json.usingDefault).toBe(true);
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as policies from "@/app/api/escalation-policies/route";
import * as pageItem from "@/app/api/pages/[id]/route";
import * as pagesRoute from "@/app/api/pages/route";
import { getDb } from "@/db/client";
import { contactMethods, notificationRules } from "@/db/paging-schema";
import { ensureServices } from "@/lib/catalog/references";
import { JOBS } from "@/lib/jobs/job-list";
import { sendPageNotification } from "@/lib/paging/notify-job";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";

// Page notifications by chat and signed webhook, per the person's rules: mail at once, Slack after a
// minute; a receiver that fails is retried by the queue and recorded, then given up on.
let smtp: SmtpTestServer;
let receiver: Receiver;
const SECRET = "whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1waG9uZS1icmlkZ2U=";
const TITLE = "Checkout <!here> & payments down";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

type Queued = {
  id: string;
  data: { notificationId: number };
  start_after: Date | string;
  created_on: Date | string;
};
const queued = (name: string) =>
  queryRows<Queued>(
    sql`select id, data, start_after, created_on from pgboss.job where name = ${name} and state = 'created' order by start_after, id`,
  );

async function runQueued(name: string): Promise<number> {
  const db = await getDb();
  const job = JOBS.find((j) => j.name === name)!;
  const jobs = await queued(name);
  for (const { id, data } of jobs) {
    await db.execute(sql`update pgboss.job set state = 'completed' where id = ${id}`);
    await job.handler(job.payload.parse(data), { jobId: id, name, retryCount: 0, db });
  }
  return jobs.length;
}

const method = (id: string, type: string, address: string, secret: string | null = null) => ({
  id,
  userId: "user_def456",
  type,
  label: id,
  address,
  secret,
  verifiedAt: new Date(),
  createdAt: new Date(),
});

async function pagePriya() {
  await call(policies.POST, "/api/escalation-policies", {
    method: "POST",
    body: {
      name: "Checkout",
      isDefault: true,
      steps: [{ delayMinutes: 5, targets: [{ type: "user", userId: "user_def456" }] }],
    },
  });
  await call(incidentsRoute.POST, "/api/dashboard/incidents", {
    method: "POST",
    body: { ...validIncident, title: TITLE, severity: "SEV1", services: ["checkout-api"] },
  });
  await runConsumers();
  // Step 1 ran with the page (a mail due now is queued at once; chat posts are jobs).
  const [page] = (await call(pagesRoute.GET, "/api/pages")).json.items;
  return page as { id: string; incidentId: string; createdAt: string };
}

const notifications = async (pageId: string) =>
  (await call(pageItem.GET, `/api/pages/${pageId}`, { params: { id: pageId } })).json.notifications as {
    method: string;
    status: string;
    detail: string;
  }[];

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = await startReceiver();
  process.env.SMTP_URL = smtp.url();
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
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
  receiver.answerWith((_r, response) => response.writeHead(200).end("ok"));
  await ensureServices(db, ["checkout-api"]);
});

describe("page notifications by chat and webhook", () => {
  it("mails at once and posts to Slack a minute later per the rules, title escaped, with the links", async () => {
    const db = await getDb();
    await db
      .insert(contactMethods)
      .values([
        method("cm_mail", "email", "priya@example.com"),
        method("cm_slack", "slack", receiver.url("/slack")),
      ]);
    await db.insert(notificationRules).values([
      {
        userId: "user_def456",
        urgency: "high",
        contactMethodId: "cm_mail",
        delayMinutes: 0,
        createdAt: new Date(),
      },
      {
        userId: "user_def456",
        urgency: "high",
        contactMethodId: "cm_slack",
        delayMinutes: 1,
        createdAt: new Date(),
      },
    ]);
    const page = await pagePriya();
    const jobs = await queued("paging.notify");
    expect(jobs).toHaveLength(1);
    const lag = new Date(jobs[0].start_after).getTime() - new Date(page.createdAt).getTime();
    expect(Math.round(lag / 1000)).toBe(60);
    expect(await queryRows(sql`select "to" from mail_messages`)).toEqual([{ to: "priya@example.com" }]);

    expect(await runQueued("paging.notify")).toBe(1);
    await runQueued("mail.send");
    expect(smtp.received.map((m) => m.envelope.to)).toEqual([["priya@example.com"]]);
    expect(receiver.received.map((r) => r.path)).toEqual(["/slack"]);
    const slack = JSON.parse(receiver.received[0].body);
    expect(slack.text).toContain("Checkout &lt;!here&gt; &amp; payments down");
    expect(slack.text).not.toContain("<!here>");
    expect(slack.text).toMatch(/<http:\/\/localhost:\d+\/pages\/act\/[\w-]+\|Acknowledge>/);
    expect(slack.text).toContain(`/incidents/${page.incidentId}|Open>`);
    const buttons = slack.blocks.find((b: { type: string }) => b.type === "actions").elements;
    expect(buttons.map((b: { text: { text: string } }) => b.text.text)).toEqual(["Acknowledge", "Open"]);
    expect((await notifications(page.id)).map((n) => [n.method, n.status])).toEqual([
      ["email", "sent"],
      ["slack", "sent"],
    ]);
  });

  it("signs the generic webhook and shapes Teams, Discord and Mattermost messages", async () => {
    const db = await getDb();
    await db
      .insert(contactMethods)
      .values([
        method("cm_hook", "webhook", receiver.url("/hook"), SECRET),
        method("cm_teams", "teams", receiver.url("/teams")),
        method("cm_discord", "discord", receiver.url("/discord")),
        method("cm_mm", "mattermost", receiver.url("/mm")),
      ]);
    const page = await pagePriya();
    expect(await runQueued("paging.notify")).toBe(4);
    const byPath = Object.fromEntries(receiver.received.map((r) => [r.path, r]));
    const hook = byPath["/hook"];
    expect(verifyStandardWebhook(SECRET, hook.headers, hook.body)).toBe(true);
    expect(hook.headers["webhook-id"]).toMatch(/^pn_\d+$/);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      type: "page.notification",
      page: {
        id: page.id,
        title: `${page.incidentId}: ${TITLE}`,
        urgency: "high",
        incidentId: page.incidentId,
      },
      links: { resolve: null, open: expect.stringContaining(`/incidents/${page.incidentId}`) },
    });
    expect(body.links.acknowledge).toMatch(/\/pages\/act\//);
    const teams = JSON.parse(byPath["/teams"].body);
    expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0].content.actions.map((a: { title: string }) => a.title)).toEqual([
      "Acknowledge",
      "Open",
    ]);
    const discord = JSON.parse(byPath["/discord"].body);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0].description).toContain("[Acknowledge](");
    const mm = JSON.parse(byPath["/mm"].body);
    expect(mm.attachments[0].text).toContain("[Acknowledge](");
    expect((await notifications(page.id)).every((n) => n.status === "sent")).toBe(true);
  });

  it("retries a failing receiver through the queue, recording retrying, then failed", async () => {
    receiver.answerWith((_r, response) => response.writeHead(503).end("busy"));
    const db = await getDb();
    await db.insert(contactMethods).values(method("cm_slack", "slack", receiver.url("/slack")));
    const page = await pagePriya();
    const [job] = await queued("paging.notify");
    const notify = JOBS.find((j) => j.name === "paging.notify")!;
    await expect(
      notify.handler(job.data, { jobId: job.id, name: "paging.notify", retryCount: 0, db }),
    ).rejects.toThrow(/not delivered/);
    let [row] = await notifications(page.id);
    expect(row.status).toBe("retrying");
    expect(row.detail).toContain("attempt 1: Answered 503.");

    // The queue's last run gives up and says so; the job ends without another retry.
    await notify.handler(job.data, { jobId: job.id, name: "paging.notify", retryCount: 5, db });
    [row] = await notifications(page.id);
    expect(row.status).toBe("failed");
    expect(row.detail).toContain("attempt 6: Answered 503. Gave up.");
    expect(receiver.received).toHaveLength(2);
    // Finished: a redelivered run sends nothing more.
    expect(await sendPageNotification(db, job.data.notificationId, new Date())).toBeNull();
    expect(receiver.received).toHaveLength(2);
  });

  it("does not retry a receiver that refuses it (4xx), and cancels a retry once the page is acknowledged", async () => {
    receiver.answerWith((_r, response) => response.writeHead(404).end("no_service"));
    const db = await getDb();
    await db.insert(contactMethods).values(method("cm_slack", "slack", receiver.url("/slack")));
    const page = await pagePriya();
    const [job] = await queued("paging.notify");
    expect((await sendPageNotification(db, job.data.notificationId, new Date()))?.status).toBe("failed");

    await queryRows(sql`update page_notifications set status = 'retrying'`);
    await queryRows(sql`update pages set state = 'acknowledged' where id = ${page.id}`);
    expect(await sendPageNotification(db, job.data.notificationId, new Date())).toMatchObject({
      status: "cancelled",
    });
    expect(receiver.received).toHaveLength(1);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as subscribeRoute from "@/app/status/[slug]/subscribe/route";
import * as confirmRoute from "@/app/status/[slug]/subscription/confirm/route";
import * as unsubscribeRoute from "@/app/status/[slug]/subscription/unsubscribe/route";
import { call, queryRows } from "@/tests/support/harness";
import { addComponent, createPage, publicPage, resetStatusPages } from "@/tests/support/status-pages";

type Mail = { to: string; text: string; headers: Record<string, string> };

beforeEach(async () => {
  await resetStatusPages();
});

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

const subscribe = (fields: [string, string][], ip = "203.0.113.7") =>
  call(subscribeRoute.POST, "/status/acme/subscribe", {
    method: "POST",
    as: "anonymous",
    rawBody: form(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    params: { slug: "acme" },
  });

const mails = () =>
  queryRows<Mail>(sql`SELECT "to", text, headers FROM mail_messages ORDER BY created_at, id`);
const subscribers = () =>
  queryRows<{ email: string; status: string; component_ids: string[] | null }>(
    sql`SELECT email, status, component_ids FROM status_page_subscribers ORDER BY email`,
  );

const linkIn = (mail: Mail) => new URL(/https?:\/\/\S+confirm\?token=\S+/.exec(mail.text)![0]);
const unsubscribeLink = (mail: Mail) => new URL(/<(http[^>]+)>/.exec(mail.headers["List-Unsubscribe"])![1]);

const confirm = (url: URL) =>
  call(confirmRoute.GET, url.pathname + url.search, { as: "anonymous", params: { slug: "acme" } });

describe("email subscribers", () => {
  it("shows a plain POST sign-up form on the public page", async () => {
    const page = await createPage();
    await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    const html = (await publicPage("acme")).text;
    expect(html).toContain(
      '<form method="post" action="/status/acme/subscribe" aria-label="Subscribe by email">',
    );
    expect(html).toContain('name="email"');
    expect(html).toContain("Payments");
  });

  it("double opt-in: nothing is confirmed until the single-use link is opened", async () => {
    const page = await createPage();
    const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    await addComponent(page.id, { name: "Search", services: ["search"] });
    const answer = await subscribe([
      ["email", "Ada@Example.com"],
      ["scope", "some"],
      ["component", payments.id],
    ]);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toContain("Check your inbox");
    expect(await subscribers()).toEqual([
      { email: "ada@example.com", status: "pending", component_ids: [payments.id] },
    ]);
    const [mail] = await mails();
    expect(mail.to).toBe("ada@example.com");
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    const first = await confirm(linkIn(mail));
    expect(first.status).toBe(200);
    expect(first.text).toContain("Subscribed");
    expect((await subscribers())[0].status).toBe("confirmed");
    const again = await confirm(linkIn(mail));
    expect(again.status).toBe(404);
    const forged = await confirm(new URL("http://localhost/status/acme/subscription/confirm?token=x"));
    expect(forged.status).toBe(404);
  });

  it("answers the same page for a new and a subscribed address and mails once in 10 minutes", async () => {
    await createPage();
    const first = await subscribe([["email", "bob@example.com"]]);
    const second = await subscribe([["email", "bob@example.com"]]);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(await mails()).toHaveLength(1);
    await confirm(linkIn((await mails())[0]));
    const confirmed = await subscribe([["email", "bob@example.com"]]);
    expect(confirmed.text).toBe(first.text);
    expect(await mails()).toHaveLength(1);
    expect((await subscribers())[0]).toMatchObject({ status: "confirmed", component_ids: null });
  });

  it("rate-limits per address and per IP with a 429 page and no mail", async () => {
    await createPage();
    for (let i = 0; i < 5; i++) expect((await subscribe([["email", "eve@example.com"]])).status).toBe(200);
    const limited = await subscribe([["email", "eve@example.com"]], "198.51.100.1");
    expect(limited.status).toBe(429);
    for (let i = 0; i < 19; i++) await subscribe([["email", `x${i}@example.com`]], "198.51.100.2");
    expect((await subscribe([["email", "last@example.com"]], "198.51.100.2")).status).toBe(200);
    expect((await subscribe([["email", "over@example.com"]], "198.51.100.2")).status).toBe(429);
    const addresses = (await mails()).map((m) => m.to);
    expect(addresses).not.toContain("over@example.com");
    expect(addresses.filter((a) => a === "eve@example.com")).toHaveLength(1);
  });

  it("refuses bad input with a 4xx page that changes nothing", async () => {
    const page = await createPage();
    expect((await subscribe([["email", "not-an-address"]])).status).toBe(422);
    expect(
      (
        await subscribe([
          ["email", "a@example.com"],
          ["scope", "some"],
        ])
      ).status,
    ).toBe(422);
    const other = await createPage({ name: "Other", slug: "other" });
    const foreign = await addComponent(other.id, { name: "X", services: ["search"] });
    const wrong = await subscribe([
      ["email", "a@example.com"],
      ["scope", "some"],
      ["component", foreign.id],
    ]);
    expect(wrong.status).toBe(422);
    expect(page.slug).toBe("acme");
    expect(await subscribers()).toEqual([]);
    expect(await mails()).toEqual([]);
  });

  it("one-click unsubscribe: POST without a session unsubscribes, GET only asks", async () => {
    await createPage();
    await subscribe([["email", "cy@example.com"]]);
    const [mail] = await mails();
    await confirm(linkIn(mail));
    const url = unsubscribeLink(mail);
    const asked = await call(unsubscribeRoute.GET, url.pathname + url.search, {
      as: "anonymous",
      params: { slug: "acme" },
    });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('<form method="post"');
    expect((await subscribers())[0].status).toBe("confirmed");
    const oneClick = await call(unsubscribeRoute.POST, url.pathname + url.search, {
      method: "POST",
      as: "anonymous",
      rawBody: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      params: { slug: "acme" },
    });
    expect(oneClick.status).toBe(200);
    expect((await subscribers())[0].status).toBe("unsubscribed");
    const audit = await queryRows<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE target_type = 'status_subscriber' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "status_subscriber.requested",
      "status_subscriber.confirmed",
      "status_subscriber.unsubscribed",
    ]);
  });
});

import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as subscribeRoute from "@/app/status/[slug]/subscribe/route";
import * as confirmRoute from "@/app/status/[slug]/subscription/confirm/route";
import * as listRoute from "@/app/api/status-pages/[id]/subscribers/route";
import { call, queryRows } from "@/tests/support/harness";
import { addComponent, createPage, resetStatusPages } from "@/tests/support/status-pages";

beforeEach(async () => {
  await resetStatusPages();
});

const subscribe = (fields: [string, string][], ip: string) =>
  call(subscribeRoute.POST, "/status/acme/subscribe", {
    method: "POST",
    as: "anonymous",
    rawBody: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    params: { slug: "acme" },
  });

async function confirmLatest(email: string) {
  const [mail] = await queryRows<{ text: string }>(
    sql`SELECT text FROM mail_messages WHERE "to" = ${email} ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  const url = new URL(/https?:\/\/\S+confirm\?token=\S+/.exec(mail.text)![0]);
  const answer = await call(confirmRoute.GET, url.pathname + url.search, {
    as: "anonymous",
    params: { slug: "acme" },
  });
  expect(answer.status).toBe(200);
}

describe("the subscriber list of a status page", () => {
  it("lists addresses with their state and chosen components, as JSON and as CSV, to managers only", async () => {
    const page = await createPage();
    const payments = await addComponent(page.id, { name: "Payments", services: ["payment-service"] });
    await addComponent(page.id, { name: "Search", services: ["search"] });
    expect(
      (
        await subscribe(
          [
            ["email", "ada@example.com"],
            ["scope", "some"],
            ["component", payments.id],
          ],
          "203.0.113.1",
        )
      ).status,
    ).toBe(200);
    expect((await subscribe([["email", "-ops@example.com"]], "203.0.113.2")).status).toBe(200);
    await confirmLatest("ada@example.com");

    const path = `/api/status-pages/${page.id}/subscribers`;
    const list = await call(listRoute.GET, path, { params: { id: page.id } });
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("no-store");
    expect(list.json.counts).toEqual({ pending: 1, confirmed: 1, unsubscribed: 0 });
    expect(
      list.json.subscribers.map((s: { email: string; status: string; components: string[] | null }) => [
        s.email,
        s.status,
        s.components,
      ]),
    ).toEqual([
      ["ada@example.com", "confirmed", ["Payments"]],
      ["-ops@example.com", "pending", null],
    ]);

    const csv = await call(listRoute.GET, `${path}?format=csv`, { params: { id: page.id } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.email, row.status, row.components])).toEqual([
      ["ada@example.com", "confirmed", "Payments"],
      ["'-ops@example.com", "pending", "all"],
    ]);
    expect(Date.parse(rows[0].confirmed_at)).not.toBeNaN();

    // Addresses are personal data: reading the page's settings is not enough.
    expect((await call(listRoute.GET, path, { params: { id: page.id }, as: "viewer" })).status).toBe(403);
    expect((await call(listRoute.GET, path, { params: { id: page.id }, as: "anonymous" })).status).toBe(401);
    expect(
      (await call(listRoute.GET, "/api/status-pages/sp_nope/subscribers", { params: { id: "sp_nope" } }))
        .status,
    ).toBe(404);
  });
});

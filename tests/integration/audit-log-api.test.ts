import { beforeEach, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/audit-events/route";
import { type Db } from "@/db/client";
import { auditEvents } from "@/db/audit-schema";
import { call, resetDatabase } from "@/tests/support/harness";

// GET /api/audit-events: admins only, newest first, keyset pages, filters.
let db: Db;
beforeEach(async () => {
  db = await resetDatabase();
});

const at = (iso: string) => new Date(iso);
const row = (id: string, occurredAt: Date, fields: Partial<typeof auditEvents.$inferInsert> = {}) => ({
  occurredAt,
  actorType: "user",
  actorId: "user_abc123",
  actorName: "Alex Chen",
  action: "user.role_changed",
  targetType: "user",
  targetId: id,
  targetName: id,
  diff: { role: { from: "viewer", to: "responder" } },
  ...fields,
});

async function seed() {
  const same = at("2026-03-10T12:00:00.123Z");
  await db.insert(auditEvents).values([
    row("u1", at("2026-03-01T09:00:00Z")),
    row("u2", same),
    row("u3", same),
    row("u4", same, { action: "user.disabled", diff: { disabledAt: { from: null, to: "2026-03-10" } } }),
    row("w1", at("2026-03-15T23:59:59Z"), {
      actorType: "token",
      actorId: "tok-1",
      actorName: "ops-bot",
      action: "webhook.created",
      targetType: "webhook",
    }),
    row("s1", at("2026-03-20T00:00:00Z"), {
      actorType: "system",
      actorId: null,
      actorName: "webhook delivery",
      action: "webhook.disabled",
      targetType: "webhook",
      targetId: "w1",
    }),
  ]);
}

const list = (query = "", as: "admin" | "responder" | "viewer" = "admin") =>
  call(auditRoute.GET, `/api/audit-events${query}`, { as });
const targets = (items: { target: { id: string } }[]) => items.map((i) => i.target.id);
/** Only the seeded rows (resetDatabase's own token.created rows are newer, today). */
const seeded = "&to=2026-03-31";

describe("GET /api/audit-events", () => {
  it("is for admins: responders and viewers get 403", async () => {
    expect((await list("", "responder")).status).toBe(403);
    expect((await list("", "viewer")).status).toBe(403);
    const res = await list();
    expect(res.status).toBe(200);
    // resetDatabase made three tokens: the log already has them.
    expect(res.json.items.map((i: { action: string }) => i.action)).toEqual([
      "token.created",
      "token.created",
      "token.created",
    ]);
  });

  it("pages newest first with a keyset cursor, rows of one millisecond by id, each row once", async () => {
    await seed();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=2${seeded}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...targets(res.json.items));
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(["w1", "w1", "u4", "u3", "u2", "u1"]);
    expect(pages).toBe(3);
    const [first] = (await list(`?limit=1${seeded}`)).json.items;
    expect(first).toMatchObject({
      occurredAt: "2026-03-20T00:00:00.000Z",
      actor: { type: "system", id: null, name: "webhook delivery" },
      action: "webhook.disabled",
      target: { type: "webhook", id: "w1" },
      diff: { role: { from: "viewer", to: "responder" } },
      ip: null,
      userAgent: null,
    });
  });

  it("filters by actor (id or name), action, target and dates", async () => {
    await seed();
    expect(targets((await list(`?actor=tok-1${seeded}`)).json.items)).toEqual(["w1"]);
    expect(targets((await list(`?actor=webhook%20delivery`)).json.items)).toEqual(["w1"]);
    expect(targets((await list(`?action=user.disabled`)).json.items)).toEqual(["u4"]);
    expect(targets((await list(`?targetType=webhook&targetId=w1`)).json.items)).toEqual(["w1", "w1"]);
    expect(targets((await list(`?targetType=webhook&targetId=w1&actor=ops-bot`)).json.items)).toEqual(["w1"]);
    // A date alone: `from` its start, `to` the whole day.
    expect(targets((await list(`?from=2026-03-10&to=2026-03-15`)).json.items)).toEqual([
      "w1",
      "u4",
      "u3",
      "u2",
    ]);
    expect(targets((await list(`?from=2026-03-10T12:00:00.124Z${seeded}`)).json.items)).toEqual(["w1", "w1"]);
  });

  it("answers 422 for an unknown action, a bad date or a cursor it did not hand out", async () => {
    for (const query of [
      "?action=user.exploded",
      "?from=yesterday",
      "?cursor=bm9wZQ",
      "?limit=0",
      "?colour=red",
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

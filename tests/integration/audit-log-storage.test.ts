import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as tokenList from "@/app/api/settings/tokens/route";
import * as tokenItem from "@/app/api/settings/tokens/[id]/route";
import * as userList from "@/app/api/settings/users/route";
import * as webhookList from "@/app/api/webhooks/route";
import * as webhookItem from "@/app/api/webhooks/[id]/route";
import { type Db } from "@/db/client";
import { auditEvents } from "@/db/audit-schema";
import { users } from "@/db/core-schema";
import { purgeAuditEvents } from "@/lib/audit/purge-audit-events";
import { changePassword } from "@/lib/auth/change-password";
import { signIn } from "@/lib/auth/sign-in";
import { changeUserRole } from "@/lib/users/change-user-role";
import { auditAdmin, auditRows } from "@/tests/support/audit";
import { call, queryRows, resetDatabase, tokens } from "@/tests/support/harness";
import { sessionCookie } from "@/tests/support/sign-in";

// What the audit log stores, and that it keeps it: no secret in any row, append-only in the database,
// written in the change's own transaction, purged only past the retention.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => {},
    delete: () => {},
    has: () => false,
  }),
}));

let db: Db;
beforeEach(async () => {
  db = await resetDatabase();
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
});
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  delete process.env.AUDIT_RETENTION_DAYS;
});

const admin = { as: "admin" as const };
/** Each row as PostgreSQL itself renders it to JSON: whatever a secret hid in, it would show here. */
const rowTexts = async () =>
  (await queryRows<{ text: string }>(sql`select to_jsonb(a)::text as text from audit_events a`)).map(
    (r) => r.text,
  );

describe("secrets", () => {
  it("never appear in any audit row: token plaintexts and hashes, webhook secrets and URL paths, passwords and their hashes", async () => {
    const token = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      body: { name: "secret-test", role: "viewer" },
      ...admin,
    });
    await call(tokenItem.DELETE, `/api/settings/tokens/${token.json.id}`, {
      method: "DELETE",
      params: { id: token.json.id },
      ...admin,
    });
    const hookPath = "/services/T0SECRET/B0SECRET/xoxbSECRETPATH";
    const hook = await call(webhookList.POST, "/api/webhooks", {
      method: "POST",
      body: { url: `http://127.0.0.1:9${hookPath}`, events: ["incident.declared"] },
      ...admin,
    });
    expect(hook.status).toBe(201);
    const patchPath = "/hooks/otherSECRETPATH";
    await call(webhookItem.PATCH, `/api/webhooks/${hook.json.id}`, {
      method: "PATCH",
      params: { id: hook.json.id },
      body: { url: `http://127.0.0.1:9${patchPath}` },
      ...admin,
    });
    const [{ secret: storedWebhookSecret }] = await queryRows<{ secret: string }>(
      sql`select secret from webhook_subscriptions where id = ${hook.json.id}`,
    );
    await call(webhookItem.DELETE, `/api/webhooks/${hook.json.id}`, {
      method: "DELETE",
      params: { id: hook.json.id },
      ...admin,
    });
    const generated = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      body: { email: "gen@example.com", name: "Generated", role: "viewer" },
      ...admin,
    });
    const chosen = "chosen-password-123";
    await call(userList.POST, "/api/settings/users", {
      method: "POST",
      body: { email: "chosen@example.com", name: "Chosen", role: "viewer", password: chosen },
      ...admin,
    });
    const wrong = "wrong-password-456";
    await signIn(
      { email: "chosen@example.com", password: wrong },
      { headers: new Headers(), ip: null },
    ).catch(() => {});
    await signIn({ email: "chosen@example.com", password: chosen }, { headers: new Headers(), ip: null });
    const cookie = await sessionCookie("chosen@example.com", chosen);
    const [chosenUser] = await db.select().from(users).where(eq(users.email, "chosen@example.com"));
    const renewed = "renewed-password-789";
    await changePassword(
      db,
      { type: "user", userId: chosenUser.id, name: chosenUser.name, role: "viewer" },
      { currentPassword: chosen, newPassword: renewed, confirmPassword: renewed },
      { headers: new Headers({ cookie }), ip: null },
    );

    const hashes = await queryRows<{ secret_hash: string }>(sql`select secret_hash from api_tokens`);
    const passwordHashes = (
      await queryRows<{ password: string }>(sql`select password from accounts`)
    ).flatMap((r) => [r.password, ...r.password.split(":")]);
    const secrets = [
      token.json.secret,
      ...Object.values(tokens),
      ...hashes.map((r) => r.secret_hash),
      hook.json.secret,
      storedWebhookSecret,
      hookPath,
      "xoxbSECRETPATH",
      patchPath,
      generated.json.password,
      chosen,
      wrong,
      renewed,
      ...passwordHashes,
    ];
    expect(secrets.every((s) => typeof s === "string" && s.length >= 8)).toBe(true);
    const texts = await rowTexts();
    const actions = new Set((await auditRows()).map((r) => r.action));
    for (const action of [
      "token.created",
      "token.revoked",
      "webhook.created",
      "webhook.updated",
      "webhook.deleted",
      "user.created",
      "auth.sign_in_failed",
      "auth.sign_in_succeeded",
      "auth.password_changed",
    ])
      expect(actions, action).toContain(action);
    for (const secret of secrets)
      for (const text of texts) expect(text.includes(secret), `${secret} in ${text}`).toBe(false);
  });
});

describe("append-only in the database", () => {
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: Error & { cause?: Error }) => e,
    );
    expect(error).toBeInstanceOf(Error);
    return String(error?.cause?.message ?? error?.message);
  };

  it("refuses UPDATE, DELETE and TRUNCATE, and keeps the rows as they were", async () => {
    await changeUserRole(db, auditAdmin, "user_def456", { role: "viewer" });
    const before = await rowTexts();
    expect(before.length).toBeGreaterThan(0);
    expect(await refusal(db.execute(sql`UPDATE audit_events SET action = 'user.created'`))).toMatch(
      /append-only \(UPDATE refused\)/,
    );
    expect(await refusal(db.execute(sql`DELETE FROM audit_events`))).toMatch(
      /append-only \(DELETE refused\)/,
    );
    expect(await refusal(db.execute(sql`TRUNCATE audit_events`))).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await rowTexts()).toEqual(before);
  });

  it("lets a purge delete only rows older than the moment it names", async () => {
    await changeUserRole(db, auditAdmin, "user_def456", { role: "viewer" });
    const purgeTx = (before: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.audit_purge_before', ${before}, true)`);
        await tx.execute(sql`DELETE FROM audit_events`);
      });
    expect(await refusal(purgeTx(new Date(Date.now() - 60_000).toISOString()))).toMatch(/DELETE refused/);
    const count = async () => (await queryRows(sql`select id from audit_events`)).length;
    expect(await count()).toBeGreaterThan(0);
    await purgeTx(new Date(Date.now() + 60_000).toISOString());
    expect(await count()).toBe(0);
    // The opt-in ended with its transaction.
    await changeUserRole(db, auditAdmin, "user_def456", { role: "responder" });
    expect(await refusal(db.execute(sql`DELETE FROM audit_events`))).toMatch(/DELETE refused/);
  });

  it("writes the event in the change's own transaction: a failing audit insert undoes the change", async () => {
    await db.execute(
      sql.raw(`CREATE FUNCTION audit_test_refuse() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit insert refused by the test'; END; $$ LANGUAGE plpgsql`),
    );
    await db.execute(
      sql.raw(
        `CREATE TRIGGER audit_test_refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()`,
      ),
    );
    try {
      await expect(changeUserRole(db, auditAdmin, "user_def456", { role: "viewer" })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`DROP TRIGGER audit_test_refuse ON audit_events`));
      await db.execute(sql.raw(`DROP FUNCTION audit_test_refuse()`));
    }
    const [priya] = await db.select().from(users).where(eq(users.id, "user_def456"));
    expect(priya.role).toBe("responder");
  });
});

describe("retention", () => {
  const DAY = 86_400_000;
  // Today, so the rows resetDatabase wrote (its tokens) are recent under every retention tried here.
  const now = new Date();
  const seed = () =>
    db.insert(auditEvents).values(
      [401, 399, 1].map((days) => ({
        occurredAt: new Date(now.getTime() - days * DAY),
        actorType: "system",
        actorName: `${days} days ago`,
        action: "user.created",
        targetType: "user",
      })),
    );
  const left = async () =>
    (await db.select({ name: auditEvents.actorName }).from(auditEvents))
      .map((r) => r.name)
      .filter((n) => n.endsWith("ago"));

  it("purges rows older than AUDIT_RETENTION_DAYS (default 400) and keeps the rest", async () => {
    await seed();
    expect(await purgeAuditEvents(db, now)).toBe(1);
    expect((await left()).sort()).toEqual(["1 days ago", "399 days ago"]);
    process.env.AUDIT_RETENTION_DAYS = "30";
    expect(await purgeAuditEvents(db, now)).toBe(1);
    expect(await left()).toEqual(["1 days ago"]);
  });

  it("falls back to the default for a value that is not a whole number of days", async () => {
    await seed();
    process.env.AUDIT_RETENTION_DAYS = "0";
    expect(await purgeAuditEvents(db, now)).toBe(1);
    process.env.AUDIT_RETENTION_DAYS = "soon";
    expect(await purgeAuditEvents(db, now)).toBe(0);
    expect((await left()).sort()).toEqual(["1 days ago", "399 days ago"]);
  });
});

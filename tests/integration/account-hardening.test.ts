import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as tokenList from "@/app/api/settings/tokens/route";
import * as disableRoute from "@/app/api/settings/users/[id]/disable/route";
import * as enableRoute from "@/app/api/settings/users/[id]/enable/route";
import * as userItem from "@/app/api/settings/users/[id]/route";
import * as userList from "@/app/api/settings/users/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { changePassword } from "@/lib/auth/change-password";
import { sessionActor } from "@/lib/auth/resolve-actor";
import { DomainError } from "@/lib/errors";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { verifyApiToken } from "@/lib/tokens/verify-api-token";
import { createUser } from "@/lib/users/create-user";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { sessionCookie, signInOutcome } from "@/tests/support/sign-in";

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

const system = { type: "system", name: "test", role: "admin" } as const;
// user_abc123 is the harness's only admin; as an actor it stands for that person's own session.
const alex: Actor = { type: "user", userId: "user_abc123", name: "Alex Chen", role: "admin" };
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

beforeEach(async () => {
  await resetDatabase();
});

describe("token expiry", () => {
  it("is chosen at creation, listed, and an expired token is refused with 401", async () => {
    const in30 = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "thirty-days", role: "viewer", expiresInDays: 30 },
    });
    expect(in30.status).toBe(201);
    expect(Date.parse(in30.json.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86400_000);
    const dated = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "until-2099", role: "viewer", expiresAt: "2099-01-31" },
    });
    expect(dated.json.expiresAt).toBe("2099-01-31T00:00:00.000Z");
    const never = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "forever", role: "viewer" },
    });
    expect(never.json.expiresAt).toBeNull();
    const listed = await call(tokenList.GET, "/api/settings/tokens", { as: "admin" });
    expect(listed.json.items.find((t: { name: string }) => t.name === "until-2099").expiresAt).toBe(
      "2099-01-31T00:00:00.000Z",
    );

    expect(
      (await call(collection.GET, "/api/dashboard/incidents", { headers: bearer(in30.json.secret) })).status,
    ).toBe(200);
    await expect(
      verifyApiToken(await getDb(), in30.json.secret, new Date(Date.now() + 31 * 86400_000)),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    await (
      await getDb()
    ).execute(sql`update api_tokens set expires_at = now() - interval '1 minute' where name = 'thirty-days'`);
    const expired = await call(collection.GET, "/api/dashboard/incidents", {
      headers: bearer(in30.json.secret),
    });
    expect(expired.status).toBe(401);
    expect(expired.json.detail).toContain("expired");
  });

  it("refuses an expiry in the past, or both ways of giving one (422), creating nothing", async () => {
    const past = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "past", role: "viewer", expiresAt: "2020-01-01" },
    });
    expect(past.status).toBe(422);
    expect(past.json.errors[0].path).toBe("expiresAt");
    const both = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "both", role: "viewer", expiresAt: "2099-01-01", expiresInDays: 30 },
    });
    expect(both.status).toBe(422);
    const garbage = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "garbage", role: "viewer", expiresAt: "next tuesday" },
    });
    expect(garbage.status).toBe(422);
    expect(
      (await queryRows(sql`select id from api_tokens where name in ('past', 'both', 'garbage')`)).length,
    ).toBe(0);
  });
});

describe("a token never outranks its creator", () => {
  it("acts with the creator's current role once the creator is demoted", async () => {
    const { secret } = await createApiToken(await getDb(), alex, { name: "alex-admin", role: "admin" });
    expect((await call(tokenList.GET, "/api/settings/tokens", { headers: bearer(secret) })).status).toBe(200);
    await call(userItem.PATCH, "/api/settings/users/user_def456", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_def456" },
      body: { role: "admin" },
    });
    const demoted = await call(userItem.PATCH, "/api/settings/users/user_abc123", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_abc123" },
      body: { role: "responder" },
    });
    expect(demoted.status).toBe(200);

    expect((await call(tokenList.GET, "/api/settings/tokens", { headers: bearer(secret) })).status).toBe(403);
    const mint = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      headers: bearer(secret),
      body: { name: "escalate", role: "admin" },
    });
    expect(mint.status).toBe(403);
    const declared = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      headers: bearer(secret),
      body: validIncident,
    });
    expect(declared.status).toBe(201);
    expect((await queryRows(sql`select id from api_tokens where name = 'escalate'`)).length).toBe(0);
  });
});

describe("disabling a user", () => {
  it("ends their sessions, stops their tokens and sign-in, and re-enabling undoes it", async () => {
    const user = await createUser(await getDb(), system, {
      email: "leaver@example.com",
      name: "Leaver",
      role: "admin",
      password: "leaver-password-1",
    });
    const cookie = await sessionCookie("leaver@example.com", "leaver-password-1");
    expect(await sessionActor(new Headers({ cookie }))).toMatchObject({ userId: user.id });
    const { secret } = await createApiToken(
      await getDb(),
      { type: "user", userId: user.id, name: user.name, role: "admin" },
      { name: "leaver-bot", role: "responder" },
    );

    const disabled = await call(disableRoute.POST, `/api/settings/users/${user.id}/disable`, {
      method: "POST",
      as: "admin",
      params: { id: user.id },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.json.disabledAt).not.toBeNull();
    expect(await sessionActor(new Headers({ cookie }))).toBeNull();
    expect((await queryRows(sql`select id from sessions where user_id = ${user.id}`)).length).toBe(0);
    expect((await call(collection.GET, "/api/dashboard/incidents", { headers: bearer(secret) })).status).toBe(
      401,
    );
    expect(await signInOutcome("leaver@example.com", "leaver-password-1")).toBe(
      "This account is disabled. Ask an admin to re-enable it.",
    );
    // A wrong password says nothing about the account being disabled.
    expect(await signInOutcome("leaver@example.com", "not-the-password")).toBe("Wrong email or password.");

    expect(
      (
        await call(enableRoute.POST, `/api/settings/users/${user.id}/enable`, {
          method: "POST",
          as: "admin",
          params: { id: user.id },
        })
      ).status,
    ).toBe(200);
    expect((await call(collection.GET, "/api/dashboard/incidents", { headers: bearer(secret) })).status).toBe(
      200,
    );
    expect(await signInOutcome("leaver@example.com", "leaver-password-1")).toBe("ok");
  });

  it("never disables yourself nor the last active admin", async () => {
    const { secret } = await createApiToken(await getDb(), alex, { name: "alex-admin", role: "admin" });
    const self = await call(disableRoute.POST, "/api/settings/users/user_abc123/disable", {
      method: "POST",
      headers: bearer(secret),
      params: { id: "user_abc123" },
    });
    expect(self.status).toBe(409);
    expect(self.json.detail).toContain("your own");
    const last = await call(disableRoute.POST, "/api/settings/users/user_abc123/disable", {
      method: "POST",
      as: "admin",
      params: { id: "user_abc123" },
    });
    expect(last.status).toBe(409);
    expect(last.json.detail).toContain("last active admin");

    // With a second admin who is disabled, the first is still the last active one.
    await call(userItem.PATCH, "/api/settings/users/user_def456", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_def456" },
      body: { role: "admin" },
    });
    expect(
      (
        await call(disableRoute.POST, "/api/settings/users/user_def456/disable", {
          method: "POST",
          as: "admin",
          params: { id: "user_def456" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(disableRoute.POST, "/api/settings/users/user_abc123/disable", {
          method: "POST",
          as: "admin",
          params: { id: "user_abc123" },
        })
      ).status,
    ).toBe(409);
    const demote = await call(userItem.PATCH, "/api/settings/users/user_abc123", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_abc123" },
      body: { role: "viewer" },
    });
    expect(demote.status).toBe(409);
    expect(
      (
        await queryRows<{ disabled_at: unknown; role: string }>(
          sql`select disabled_at, role from users where id = 'user_abc123'`,
        )
      )[0],
    ).toMatchObject({ disabled_at: null, role: "admin" });
    expect(
      (
        await call(disableRoute.POST, "/api/settings/users/nobody/disable", {
          method: "POST",
          as: "admin",
          params: { id: "nobody" },
        })
      ).status,
    ).toBe(404);
  });
});

describe("changing your own password", () => {
  it("needs the current password, then only the new one works and other sessions end", async () => {
    const user = await createUser(await getDb(), system, {
      email: "me@example.com",
      name: "Me",
      role: "viewer",
      password: "old-password-123",
    });
    const actor: Actor = { type: "user", userId: user.id, name: user.name, role: "viewer" };
    const here = await sessionCookie("me@example.com", "old-password-123");
    const elsewhere = await sessionCookie("me@example.com", "old-password-123");

    const wrong = await changePassword(
      await getDb(),
      actor,
      {
        currentPassword: "not-my-password",
        newPassword: "new-password-456",
        confirmPassword: "new-password-456",
      },
      { headers: new Headers({ cookie: here }), ip: null },
    ).catch((e: DomainError) => e);
    expect(wrong).toMatchObject({
      code: "validation",
      errors: [{ path: "currentPassword", message: "Wrong current password." }],
    });
    const mismatch = await changePassword(
      await getDb(),
      actor,
      {
        currentPassword: "old-password-123",
        newPassword: "new-password-456",
        confirmPassword: "new-password-789",
      },
      { headers: new Headers({ cookie: here }), ip: null },
    ).catch((e: DomainError) => e);
    expect(mismatch).toMatchObject({ code: "validation", errors: [{ path: "confirmPassword" }] });
    expect(await signInOutcome("me@example.com", "old-password-123")).toBe("ok");

    await changePassword(
      await getDb(),
      actor,
      {
        currentPassword: "old-password-123",
        newPassword: "new-password-456",
        confirmPassword: "new-password-456",
      },
      { headers: new Headers({ cookie: here }), ip: null },
    );
    expect(await signInOutcome("me@example.com", "old-password-123")).toBe("Wrong email or password.");
    expect(await signInOutcome("me@example.com", "new-password-456")).toBe("ok");
    expect(await sessionActor(new Headers({ cookie: elsewhere }))).toBeNull();
  });

  it("counts wrong current passwords as failed sign-ins", async () => {
    const user = await createUser(await getDb(), system, {
      email: "stolen@example.com",
      name: "Stolen",
      role: "viewer",
      password: "real-password-123",
    });
    const actor: Actor = { type: "user", userId: user.id, name: user.name, role: "viewer" };
    const headers = new Headers({ cookie: await sessionCookie("stolen@example.com", "real-password-123") });
    const db = await getDb();
    const guess = (currentPassword: string) =>
      changePassword(
        db,
        actor,
        { currentPassword, newPassword: "taken-over-999", confirmPassword: "taken-over-999" },
        { headers, ip: null },
      ).then(
        () => "changed",
        (e: DomainError) => e.code,
      );
    expect([await guess("guess-one-1"), await guess("guess-two-2"), await guess("guess-three-3")]).toEqual([
      "validation",
      "validation",
      "validation",
    ]);
    expect(await guess("real-password-123")).toBe("rate_limited");
    expect(await signInOutcome("stolen@example.com", "taken-over-999")).not.toBe("ok");
  });
});

describe("createUser generates passwords", () => {
  it("makes a strong one when none is given and returns it once", async () => {
    const created = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body: { name: "New Hire", email: "hire@example.com", role: "viewer" },
    });
    expect(created.status).toBe(201);
    expect(created.json.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(await signInOutcome("hire@example.com", created.json.password)).toBe("ok");
    const stored = await queryRows<{ row: string }>(sql`select a::text as row from accounts a`);
    expect(stored.some((r) => r.row.includes(created.json.password))).toBe(false);
    const listed = await call(userList.GET, "/api/settings/users", { as: "admin" });
    expect(listed.text).not.toContain(created.json.password);

    const chosen = await createUser(await getDb(), system, {
      email: "chosen@example.com",
      name: "Chosen",
      role: "viewer",
      password: "my-own-password",
    });
    expect(chosen.generatedPassword).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as userItem from "@/app/api/settings/users/[id]/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { changePassword } from "@/lib/auth/change-password";
import { createUser } from "@/lib/users/create-user";
import { disableUser } from "@/lib/users/disable-user";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { auditAdmin, auditRows, onlyEvent } from "@/tests/support/audit";
import { call, resetDatabase } from "@/tests/support/harness";
import { sessionCookie, signInOutcome } from "@/tests/support/sign-in";

// Sign-ins, password changes and what a request tells the audit log about its caller.
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
const PASSWORD = "correct-horse-battery";
const browser = { "user-agent": "Mozilla/5.0 (audit test)" };

const attempt = (email: string, password: string) =>
  signInOutcome(email, password, { headers: browser, ip: "198.51.100.9" });

let userId: string;
beforeEach(async () => {
  const db = await resetDatabase();
  userId = (
    await createUser(db, system, {
      email: "sam@example.com",
      name: "Sam",
      role: "responder",
      password: PASSWORD,
    })
  ).id;
});
afterEach(() => {
  delete process.env.TRUST_PROXY;
});

describe("sign-ins", () => {
  it("auth.sign_in_succeeded: the person, from where, with what", async () => {
    expect(await attempt("sam@example.com", PASSWORD)).toBe("ok");
    expect(await onlyEvent("auth.sign_in_succeeded")).toMatchObject({
      actorType: "user",
      actorId: userId,
      actorName: "Sam",
      targetType: "user",
      targetId: userId,
      targetName: "Sam",
      diff: {},
      ip: "198.51.100.9",
      userAgent: "Mozilla/5.0 (audit test)",
    });
  });

  it("auth.sign_in_failed: a wrong password, an unknown account and a disabled one, never by the account's id", async () => {
    expect(await attempt("sam@example.com", "not-the-password")).toBe("Wrong email or password.");
    expect(await attempt("nobody@example.com", "whatever-password")).toBe("Wrong email or password.");
    await disableUser(await getDb(), auditAdmin, userId);
    expect(await attempt("sam@example.com", PASSWORD)).toContain("disabled");
    const failed = (await auditRows()).filter((r) => r.action === "auth.sign_in_failed");
    expect(failed.map((r) => [r.actorId, r.actorName, r.targetId, r.targetName, r.diff])).toEqual([
      [null, "sam@example.com", userId, "Sam", { reason: { from: null, to: "wrong_password" } }],
      [
        null,
        "nobody@example.com",
        null,
        "nobody@example.com",
        { reason: { from: null, to: "wrong_password" } },
      ],
      [null, "sam@example.com", userId, "Sam", { reason: { from: null, to: "account_disabled" } }],
    ]);
    expect(failed.every((r) => r.actorType === "user" && r.ip === "198.51.100.9")).toBe(true);
    expect((await auditRows()).filter((r) => r.action === "auth.sign_in_succeeded")).toEqual([]);
  });
});

describe("password change", () => {
  it("auth.password_changed: the person, once it went through; a wrong current password records nothing", async () => {
    const cookie = await sessionCookie("sam@example.com", PASSWORD);
    const actor: Actor = {
      type: "user",
      userId,
      name: "Sam",
      role: "responder",
      request: { ip: null, userAgent: "Mozilla/5.0 (audit test)" },
    };
    const db = await getDb();
    const change = (currentPassword: string) =>
      changePassword(
        db,
        actor,
        { currentPassword, newPassword: "new-password-456", confirmPassword: "new-password-456" },
        { headers: new Headers({ cookie }), ip: null },
      ).catch((e: Error) => e);
    expect(await change("wrong-password-1")).toMatchObject({ code: "validation" });
    expect((await auditRows()).filter((r) => r.action === "auth.password_changed")).toEqual([]);
    expect(await change(PASSWORD)).toBeUndefined();
    expect(await onlyEvent("auth.password_changed")).toMatchObject({
      actorId: userId,
      targetType: "user",
      targetId: userId,
      diff: {},
      userAgent: "Mozilla/5.0 (audit test)",
    });
  });
});

describe("the caller of a request", () => {
  it("an API token is named by its id and name, with the User-Agent, and the IP only behind a trusted proxy", async () => {
    const { token, secret } = await createApiToken(await getDb(), auditAdmin, {
      name: "ops-bot",
      role: "admin",
    });
    const headers = {
      authorization: `Bearer ${secret}`,
      "user-agent": "ops-bot/2",
      "x-forwarded-for": "192.0.2.44",
    };
    const promote = (role: string) =>
      call(userItem.PATCH, `/api/settings/users/${userId}`, {
        method: "PATCH",
        params: { id: userId },
        headers,
        body: { role },
      });
    expect((await promote("admin")).status).toBe(200);
    process.env.TRUST_PROXY = "1";
    expect((await promote("viewer")).status).toBe(200);
    const [untrusted, trusted] = (await auditRows()).filter((r) => r.action === "user.role_changed");
    expect(untrusted).toMatchObject({
      actorType: "token",
      actorId: token.id,
      actorName: "ops-bot",
      userAgent: "ops-bot/2",
      ip: null,
      diff: { role: { from: "responder", to: "admin" } },
    });
    expect(trusted).toMatchObject({
      actorId: token.id,
      ip: "192.0.2.44",
      diff: { role: { from: "admin", to: "viewer" } },
    });
  });
});

import { beforeEach, describe, expect, it, vi } from "vitest";
import * as userItem from "@/app/api/settings/users/[id]/route";
import * as userList from "@/app/api/settings/users/route";
import { signIn } from "@/lib/auth/sign-in";
import { call, resetDatabase } from "@/tests/support/harness";

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

beforeEach(async () => {
  await resetDatabase();
});

describe("users (admin)", () => {
  it("creates a user who can sign in, lists them, and refuses a duplicate email", async () => {
    const created = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body: {
        name: "Nia Oncall",
        email: "Nia@Example.com",
        role: "responder",
        password: "a-long-password-1",
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Nia Oncall", email: "nia@example.com", role: "responder" });
    expect(created.text).not.toContain("a-long-password-1");
    await expect(
      signIn(
        { email: "nia@example.com", password: "a-long-password-1" },
        { headers: new Headers(), ip: "10.1.1.1" },
      ),
    ).resolves.toEqual({ knownDevice: expect.any(String) });
    const listed = await call(userList.GET, "/api/settings/users", { as: "admin" });
    expect(listed.json.items.map((u: { email: string }) => u.email)).toContain("nia@example.com");
    const again = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body: { name: "Other", email: "nia@example.com", role: "viewer", password: "a-long-password-2" },
    });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].path).toBe("email");
    const weak = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body: { name: "Weak", email: "weak@example.com", role: "viewer", password: "short" },
    });
    expect(weak.status).toBe(422);
    expect(weak.json.errors[0].path).toBe("password");
  });

  it("changes roles but never demotes the last admin", async () => {
    const promoted = await call(userItem.PATCH, "/api/settings/users/user_def456", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_def456" },
      body: { role: "admin" },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.json.role).toBe("admin");
    const demoteOne = await call(userItem.PATCH, "/api/settings/users/user_abc123", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_abc123" },
      body: { role: "viewer" },
    });
    expect(demoteOne.status).toBe(200);
    const demoteLast = await call(userItem.PATCH, "/api/settings/users/user_def456", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_def456" },
      body: { role: "responder" },
    });
    expect(demoteLast.status).toBe(409);
    expect(demoteLast.json.detail).toContain("last admin");
    const missing = await call(userItem.PATCH, "/api/settings/users/nobody", {
      method: "PATCH",
      as: "admin",
      params: { id: "nobody" },
      body: { role: "viewer" },
    });
    expect(missing.status).toBe(404);
    const badRole = await call(userItem.PATCH, "/api/settings/users/user_def456", {
      method: "PATCH",
      as: "admin",
      params: { id: "user_def456" },
      body: { role: "owner" },
    });
    expect(badRole.status).toBe(422);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as tokenItem from "@/app/api/settings/tokens/[id]/route";
import * as tokenList from "@/app/api/settings/tokens/route";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/sign-in";
import { FREE_FAILURES, MAX_FAILURES_PER_IP } from "@/lib/auth/sign-in-rate-limit";
import { DomainError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { sessionCookie } from "@/tests/support/sign-in";

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

beforeEach(async () => {
  await resetDatabase();
});

describe("API tokens", () => {
  it("create → use → revoke → refused, and the secret is never shown or stored again", async () => {
    const created = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "pagerduty-sync", role: "responder" },
    });
    expect(created.status).toBe(201);
    const { secret, id } = created.json;
    expect(secret).toMatch(/^imt_[A-Za-z0-9_-]{43}$/);

    const declared = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: validIncident,
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(declared.status).toBe(201);
    expect(declared.json.declaredBy).toBe("token:pagerduty-sync");

    const listed = await call(tokenList.GET, "/api/settings/tokens", { as: "admin" });
    const mine = listed.json.items.find((t: { id: string }) => t.id === id);
    expect(mine).toMatchObject({ name: "pagerduty-sync", role: "responder", revokedAt: null });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(listed.text).not.toContain(secret);
    const stored = await queryRows<{ row: string }>(sql`select t::text as row from api_tokens t`);
    expect(stored.some((r) => r.row.includes(secret))).toBe(false);
    const anywhere = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from idempotency_keys where response_body like ${"%" + secret + "%"}`,
    );
    expect(Number(anywhere[0].n)).toBe(0);

    const revoked = await call(tokenItem.DELETE, `/api/settings/tokens/${id}`, {
      method: "DELETE",
      as: "admin",
      params: { id },
    });
    expect(revoked.status).toBe(204);
    const refused = await call(collection.GET, "/api/dashboard/incidents", {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
  });

  it("a viewer token reads but may not write (403), and nothing is written", async () => {
    const read = await call(collection.GET, "/api/dashboard/incidents", { as: "viewer" });
    expect(read.status).toBe(200);
    const write = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      as: "viewer",
      body: validIncident,
    });
    expect(write.status).toBe(403);
    expect(write.json.detail).toContain("viewer");
    expect((await queryRows(sql`select id from incidents`)).length).toBe(0);
  });

  it("refuses a malformed Authorization header and an unknown token with 401", async () => {
    expect(
      (await call(collection.GET, "/api/dashboard/incidents", { headers: { authorization: "Basic abc" } }))
        .status,
    ).toBe(401);
    expect(
      (
        await call(collection.GET, "/api/dashboard/incidents", {
          headers: { authorization: "Bearer imt_nope" },
        })
      ).status,
    ).toBe(401);
  });

  it("refuses a second active token with the same name (409)", async () => {
    const again = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "test-viewer", role: "viewer" },
    });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].path).toBe("name");
  });
});

describe("session cookies on the API", () => {
  async function cookieOf(role: "viewer" | "responder") {
    const email = `${role}@example.org`;
    await createUser(await getDb(), system, {
      email,
      name: `A ${role}`,
      role,
      password: "long-enough-password",
    });
    return sessionCookie(email, "long-enough-password");
  }

  it("accepts same-origin writes and refuses cross-origin ones (403) without writing", async () => {
    const cookie = await cookieOf("responder");
    const same = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      as: "anonymous",
      body: validIncident,
      headers: { cookie, origin: "http://localhost", host: "localhost" },
    });
    expect(same.status).toBe(201);
    expect(same.json.declaredBy).toBe("A responder");
    const cross = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      as: "anonymous",
      body: validIncident,
      headers: { cookie, origin: "http://evil.example", host: "localhost" },
    });
    expect(cross.status).toBe(403);
    const none = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      as: "anonymous",
      body: validIncident,
      headers: { cookie, host: "localhost" },
    });
    expect(none.status).toBe(403);
    expect((await queryRows(sql`select id from incidents`)).length).toBe(1);
    const read = await call(collection.GET, "/api/dashboard/incidents", {
      as: "anonymous",
      headers: { cookie },
    });
    expect(read.status).toBe(200);
  });
});

describe("sign-in", () => {
  it("rejects a wrong password, then delays the account (429) after the free failures", async () => {
    await createUser(await getDb(), system, {
      email: "ops@example.com",
      name: "Ops",
      role: "admin",
      password: "correct-horse-battery",
    });
    const attempt = (password: string) =>
      signIn({ email: "ops@example.com", password }, { headers: new Headers(), ip: null });
    for (let i = 0; i < FREE_FAILURES; i++) {
      await expect(attempt("wrong-password")).rejects.toMatchObject({ code: "unauthenticated" });
    }
    const limited = await attempt("correct-horse-battery").catch((e: DomainError) => e);
    expect(limited).toBeInstanceOf(DomainError);
    expect((limited as DomainError).code).toBe("rate_limited");
    expect((limited as DomainError).status).toBe(429);
    // A growing delay, not a 15-minute lockout: 2^3 seconds after the third failure (less what has
    // passed since it).
    expect((limited as DomainError).extra.retryAfterSeconds).toBeGreaterThan(0);
    expect((limited as DomainError).extra.retryAfterSeconds).toBeLessThanOrEqual(8);
  });

  it("holds the limit against parallel guesses", async () => {
    await createUser(await getDb(), system, {
      email: "target@example.com",
      name: "Target",
      role: "viewer",
      password: "correct-horse-battery",
    });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(
          { email: "target@example.com", password: `guess-${i}-xxxx` },
          { headers: new Headers(), ip: null },
        ).catch((e: DomainError) => e.code),
      ),
    );
    // Every attempt is counted before its password is checked, so at most the free ones are tried.
    expect(outcomes.filter((o) => o === "unauthenticated").length).toBeLessThanOrEqual(FREE_FAILURES);
    expect(outcomes.filter((o) => o === "rate_limited").length).toBeGreaterThanOrEqual(20 - FREE_FAILURES);
  });

  it("limits one address trying many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await expect(
        signIn(
          { email: `user${i}@example.com`, password: "whatever-password" },
          { headers: new Headers(), ip: "10.9.9.9" },
        ),
      ).rejects.toMatchObject({ code: "unauthenticated" });
    }
    await expect(
      signIn(
        { email: "fresh@example.com", password: "whatever-password" },
        { headers: new Headers(), ip: "10.9.9.9" },
      ),
    ).rejects.toMatchObject({ code: "rate_limited" });
    await expect(
      signIn(
        { email: "fresh@example.com", password: "whatever-password" },
        { headers: new Headers(), ip: "10.9.9.10" },
      ),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("signs in with the right password and clears that address's failures", async () => {
    await createUser(await getDb(), system, {
      email: "ok@example.com",
      name: "Ok",
      role: "viewer",
      password: "correct-horse-battery",
    });
    await expect(
      signIn(
        { email: "ok@example.com", password: "nope-nope-nope" },
        { headers: new Headers(), ip: "10.0.0.3" },
      ),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(
      signIn(
        { email: "OK@example.com", password: "correct-horse-battery" },
        { headers: new Headers(), ip: "10.0.0.3" },
      ),
    ).resolves.toEqual({ knownDevice: expect.stringMatching(/^[\w-]{16}\.\d+\.[\w-]{43}$/) });
    const left = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from sign_in_attempts where account = 'ok@example.com'`,
    );
    expect(Number(left[0].n)).toBe(0);
  });
});

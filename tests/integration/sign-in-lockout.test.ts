import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as unlockRoute from "@/app/api/settings/users/[id]/unlock/route";
import * as userList from "@/app/api/settings/users/route";
import { getDb } from "@/db/client";
import { KNOWN_DEVICE_COOKIE } from "@/lib/auth/known-device";
import { signIn } from "@/lib/auth/sign-in";
import { ACCOUNT_CEILING, MAX_DELAY_SECONDS, recordSignInAttempt } from "@/lib/auth/sign-in-rate-limit";
import { DomainError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";
import { attemptSignIn } from "@/tests/support/sign-in";

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

async function addUser(email: string) {
  return createUser(await getDb(), system, {
    email,
    name: email.split("@")[0],
    role: "responder",
    password: PASSWORD,
  });
}

const attempt = (email: string, password: string, ip: string | null) =>
  attemptSignIn(email, password, { ip });

beforeEach(async () => {
  await resetDatabase();
});

describe("sign-in lockout is per (account, IP)", () => {
  it("someone hammering an account from one IP does not lock its owner out on another IP", async () => {
    await addUser("owner@example.com");
    const outcomes = [];
    for (let i = 0; i < 10; i++)
      outcomes.push(await attempt("owner@example.com", `guess-${i}-guess`, "203.0.113.66"));
    expect(outcomes.slice(0, 3).map((o) => (o as DomainError).code)).toEqual([
      "unauthenticated",
      "unauthenticated",
      "unauthenticated",
    ]);
    expect(outcomes.slice(3).every((o) => (o as DomainError).code === "rate_limited")).toBe(true);

    expect(await attempt("owner@example.com", PASSWORD, "198.51.100.7")).toBe("ok");
    // ... and the attacker's pair is still delayed: the owner's success does not reset it.
    expect(((await attempt("owner@example.com", PASSWORD, "203.0.113.66")) as DomainError).code).toBe(
      "rate_limited",
    );
  });

  it("delays grow as 2^failures seconds after the free ones, capped at 15 minutes", async () => {
    const db = await getDb();
    const t0 = Date.parse("2026-11-01T10:00:00Z");
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    const tryAt = (seconds: number) =>
      recordSignInAttempt(db, "slow@example.com", "192.0.2.1", at(seconds)).then(
        () => "tried",
        (e: DomainError) => e.extra.retryAfterSeconds,
      );
    // Each "tried" attempt stays recorded as a failure (succeeded() is never called).
    expect([await tryAt(0), await tryAt(1), await tryAt(2)]).toEqual(["tried", "tried", "tried"]);
    expect(await tryAt(5)).toBe(5); // 8 s after the third failure at t=2
    expect(await tryAt(10)).toBe("tried"); // 4th failure
    expect(await tryAt(20)).toBe(6); // 16 s after t=10
    expect(await tryAt(26)).toBe("tried"); // 5th failure
    expect(await tryAt(27)).toBe(31); // 32 s after t=26
    // Refused attempts were not recorded, so hammering did not make the delay longer.
    const rows = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from sign_in_attempts where account = 'slow@example.com'`,
    );
    expect(Number(rows[0].n)).toBe(5);

    for (let i = 0; i < 10; i++)
      await db.execute(
        sql`insert into sign_in_attempts (account, ip, at) values ('slow@example.com', '192.0.2.1', ${at(30).toISOString()})`,
      );
    expect(await tryAt(31)).toBe(MAX_DELAY_SECONDS - 1);
  });

  it("without a trustworthy IP the account gets growing delays, not a 15-minute lockout", async () => {
    await addUser("noip@example.com");
    for (let i = 0; i < 3; i++)
      expect(((await attempt("noip@example.com", "wrong-password", null)) as DomainError).code).toBe(
        "unauthenticated",
      );
    const limited = (await attempt("noip@example.com", PASSWORD, null)) as DomainError;
    expect(limited.status).toBe(429);
    // 2^3 seconds after the third failure, less what has passed since it.
    expect(limited.extra.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.extra.retryAfterSeconds).toBeLessThanOrEqual(8);
    expect(limited.message).toMatch(/^Too many failed sign-ins\. Try again in [1-8] seconds?\.$/);
  });

  it("refuses an IP that sprays many accounts, whatever account it tries next", async () => {
    await addUser("sprayed@example.com");
    for (let i = 0; i < 20; i++)
      expect(
        ((await attempt(`u${i}@example.com`, "spray-password", "203.0.113.5")) as DomainError).code,
      ).toBe("unauthenticated");
    const refused = (await attempt("sprayed@example.com", PASSWORD, "203.0.113.5")) as DomainError;
    expect(refused.code).toBe("rate_limited");
    expect(refused.extra.retryAfterSeconds).toBeGreaterThan(800);
    expect(await attempt("sprayed@example.com", PASSWORD, "203.0.113.6")).toBe("ok");
  });
});

// Without TRUST_PROXY there is no trusted IP (ip null): the review locked the only admin out with
// four wrong passwords an hour. The claimed address and a known-device cookie keep the owner in.
describe("a stranger cannot lock an account's owner out without a trusted proxy", () => {
  const from = (address: string, cookie?: string) => ({
    ip: null,
    headers: { "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
  });

  it("counts a stranger's failures on the stranger's address, not on the account", async () => {
    await addUser("admin@example.com");
    for (let i = 0; i < 8; i++)
      await attemptSignIn("admin@example.com", `guess-${i}-guess`, from("203.0.113.66"));
    const stranger = (await attemptSignIn(
      "admin@example.com",
      PASSWORD,
      from("203.0.113.66"),
    )) as DomainError;
    expect(stranger.code).toBe("rate_limited");
    expect(await attemptSignIn("admin@example.com", PASSWORD, from("198.51.100.7"))).toBe("ok");
  });

  it("stops a guesser who rotates addresses at the account ceiling, but never the owner's known browser", async () => {
    await addUser("owner@example.com");
    const { knownDevice } = await signIn(
      { email: "owner@example.com", password: PASSWORD },
      { headers: new Headers(from("198.51.100.7").headers), ip: null },
    );
    const cookie = `${KNOWN_DEVICE_COOKIE}=${knownDevice}`;
    const outcomes: string[] = [];
    for (let i = 0; i < ACCOUNT_CEILING + 5; i++) {
      const outcome = await attemptSignIn(
        "owner@example.com",
        "wrong-password",
        from(`203.0.113.${i % 250}`),
      );
      outcomes.push(outcome === "ok" ? outcome : outcome.code);
    }
    expect(outcomes.slice(0, ACCOUNT_CEILING)).toEqual(Array(ACCOUNT_CEILING).fill("unauthenticated"));
    expect(outcomes.slice(ACCOUNT_CEILING)).toEqual(Array(5).fill("rate_limited"));
    // An unknown browser waits for the hour to pass; the owner's own browser signs in.
    expect(
      ((await attemptSignIn("owner@example.com", PASSWORD, from("192.0.2.200"))) as DomainError).code,
    ).toBe("rate_limited");
    expect(await attemptSignIn("owner@example.com", PASSWORD, from("192.0.2.200", cookie))).toBe("ok");
  });

  it("honours a known-device cookie only for its own account and only as we signed it", async () => {
    await addUser("first@example.com");
    await addUser("second@example.com");
    const { knownDevice } = await signIn(
      { email: "first@example.com", password: PASSWORD },
      { headers: new Headers(), ip: null },
    );
    const [device, expires, signature] = knownDevice.split(".");
    const forged = `${device}.${expires}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    for (let i = 0; i < ACCOUNT_CEILING; i++)
      await attemptSignIn("second@example.com", "wrong-password", from(`203.0.113.${i}`));
    for (const value of [knownDevice, forged, "not-a-cookie"])
      expect(
        (
          (await attemptSignIn(
            "second@example.com",
            PASSWORD,
            from("192.0.2.9", `${KNOWN_DEVICE_COOKIE}=${value}`),
          )) as DomainError
        ).code,
      ).toBe("rate_limited");
  });
});

describe("admin unlock", () => {
  it("shows accounts with recent failures and clears them", async () => {
    const user = await addUser("locked@example.com");
    for (let i = 0; i < 3; i++) await attempt("locked@example.com", "wrong-password", null);
    expect(((await attempt("locked@example.com", PASSWORD, null)) as DomainError).code).toBe("rate_limited");

    const listed = await call(userList.GET, "/api/settings/users", { as: "admin" });
    const row = listed.json.items.find((u: { email: string }) => u.email === "locked@example.com");
    expect(row.signInFailures).toBe(3);
    expect(Date.parse(row.lockedUntil)).toBeGreaterThan(Date.now());

    const unlocked = await call(unlockRoute.POST, `/api/settings/users/${user.id}/unlock`, {
      method: "POST",
      as: "admin",
      params: { id: user.id },
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.json).toMatchObject({ id: user.id, clearedFailures: 3 });
    const after = await call(userList.GET, "/api/settings/users", { as: "admin" });
    expect(after.json.items.find((u: { email: string }) => u.email === "locked@example.com")).toMatchObject({
      signInFailures: 0,
      lockedUntil: null,
    });
    expect(await attempt("locked@example.com", PASSWORD, null)).toBe("ok");
  });

  it("is for admins only and answers 404 for an unknown user", async () => {
    const user = await addUser("someone@example.com");
    await attempt("someone@example.com", "wrong-password", null);
    const byResponder = await call(unlockRoute.POST, `/api/settings/users/${user.id}/unlock`, {
      method: "POST",
      as: "responder",
      params: { id: user.id },
    });
    expect(byResponder.status).toBe(403);
    const left = await queryRows<{ n: number }>(sql`select count(*)::int as n from sign_in_attempts`);
    expect(Number(left[0].n)).toBe(1);
    const missing = await call(unlockRoute.POST, "/api/settings/users/nobody/unlock", {
      method: "POST",
      as: "admin",
      params: { id: "nobody" },
    });
    expect(missing.status).toBe(404);
  });
});

import { createHash, createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as tokenList from "@/app/api/settings/tokens/route";
import * as userList from "@/app/api/settings/users/route";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

/** Every row of every table in the schema whose text form contains `needle`, as "table" names. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  expect(tables.map((t) => t.name)).toContain("idempotency_keys");
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(name)} x where x::text like ${"%" + needle + "%"}`,
    );
    if (Number(row.n) > 0) found.push(name);
  }
  return found;
}

describe("an Idempotency-Key on an answer that shows a secret once", () => {
  it("stores no token secret anywhere, and a replay of the key is a 409 instead of the secret", async () => {
    const body = { name: "deploy-bot", role: "responder" };
    const headers = { "idempotency-key": "token-once" };
    const created = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body,
      headers,
    });
    expect(created.status).toBe(201);
    const secret: string = created.json.secret;
    expect(secret).toMatch(/^imt_/);

    const replay = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body,
      headers,
    });
    expect(replay.status).toBe(409);
    expect(replay.headers.get("content-type")).toBe("application/problem+json");
    expect(replay.json.type).toContain("idempotency_not_replayable");
    expect(replay.json.detail).toBe("This response held a secret and cannot be replayed");
    expect(replay.text).not.toContain(secret);

    const keyRows = await queryRows<{ row: string; state: string }>(
      sql`select k::text as row, state from idempotency_keys k where key = 'token-once'`,
    );
    expect(keyRows).toHaveLength(1);
    expect(keyRows[0].state).toBe("withheld");
    expect(keyRows[0].row).not.toContain(secret);
    // Not in any table at all: api_tokens keeps only the hash.
    expect(await tablesContaining(secret)).toEqual([]);
    const [token] = await queryRows<{ secret_hash: string }>(
      sql`select secret_hash from api_tokens where name = 'deploy-bot'`,
    );
    expect(token.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    // Exactly one token was made.
    expect(await queryRows(sql`select id from api_tokens where name = 'deploy-bot'`)).toHaveLength(1);
  });

  it("remembers a refusal on a secret-bearing route like any other (it holds no secret)", async () => {
    const body = { name: "test-viewer", role: "viewer" };
    const headers = { "idempotency-key": "dup-name" };
    const first = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body,
      headers,
    });
    expect(first.status).toBe(409);
    const again = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body,
      headers,
    });
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.errors[0].path).toBe("name");
  });

  it("keeps a new user's password out of the store and refuses to replay the creation", async () => {
    const password = "correct-horse-battery-7";
    const body = { name: "Kai Keyed", email: "kai@example.com", role: "viewer", password };
    const headers = { "idempotency-key": "user-once" };
    const created = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body,
      headers,
    });
    expect(created.status).toBe(201);
    const replay = await call(userList.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body,
      headers,
    });
    expect(replay.status).toBe(409);
    expect(replay.json.type).toContain("idempotency_not_replayable");
    expect(await tablesContaining(password)).toEqual([]);
    expect(await queryRows(sql`select id from users where email = 'kai@example.com'`)).toHaveLength(1);
  });
});

describe("request fingerprints", () => {
  it("are an HMAC under a server secret, not a bare SHA-256 of the request", async () => {
    const text = JSON.stringify(validIncident);
    const res = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      rawBody: text,
      headers: { "content-type": "application/json", "idempotency-key": "fp-1" },
    });
    expect(res.status).toBe(201);
    const [row] = await queryRows<{ request_hash: string }>(
      sql`select request_hash from idempotency_keys where key = 'fp-1'`,
    );
    const message = `POST /api/dashboard/incidents\n${text}`;
    expect(row.request_hash).not.toBe(createHash("sha256").update(message).digest("hex"));

    let secret: Buffer;
    if (process.env.BETTER_AUTH_SECRET) {
      secret = createHmac("sha256", process.env.BETTER_AUTH_SECRET)
        .update("idempotency-fingerprint")
        .digest();
    } else {
      const [meta] = await queryRows<{ value: string }>(
        sql`select value from app_meta where key = 'idempotency_fingerprint_secret'`,
      );
      secret = Buffer.from(meta.value, "base64url");
      expect(secret.length).toBe(32);
    }
    expect(row.request_hash).toBe(createHmac("sha256", secret).update(message).digest("hex"));
  });
});

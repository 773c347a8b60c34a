import { sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { call, queryRows, resetDatabase, TEST_TARGET, validIncident } from "@/tests/support/harness";

// The token cache (lib/tokens/verify-api-token.ts) must never outlive a change that refuses a token.
// The change is made over ANOTHER connection, with plain SQL, as another instance or an operator
// would: nothing in this process hears of it except through the database. (PGlite has one
// connection; the raw statement still bypasses every use case.)
const other =
  TEST_TARGET === "postgres" ? postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} }) : null;
const elsewhere = async (statement: SQL, text: string) => {
  if (other) await other.unsafe(text);
  else await (await getDb()).execute(statement);
};

afterAll(async () => {
  await other?.end();
});

const admin: Actor = { type: "user", userId: "user_abc123", name: "Alex Chen", role: "admin" };
let secret = "";
const declare = () =>
  call(collection.POST, "/api/dashboard/incidents", {
    method: "POST",
    body: validIncident,
    headers: { authorization: `Bearer ${secret}` },
  });

beforeEach(async () => {
  const db = await resetDatabase();
  secret = (await createApiToken(db, admin, { name: "cached", role: "responder" })).secret;
  // Two uses: the first fills the cache, the second is answered from it.
  expect((await declare()).status).toBe(201);
  expect((await declare()).status).toBe(201);
});

describe("cached API tokens", () => {
  it("a token revoked elsewhere is refused on the very next request", async () => {
    await elsewhere(
      sql`update api_tokens set revoked_at = now() where name = 'cached'`,
      "update api_tokens set revoked_at = now() where name = 'cached'",
    );
    const refused = await declare();
    expect(refused.status).toBe(401);
    expect(await queryRows(sql`select id from incidents`)).toHaveLength(2);
  });

  it("a stamp moved by another token's change costs the declaration a check again, not its answer", async () => {
    await createApiToken(await getDb(), admin, { name: "other", role: "responder" });
    await elsewhere(
      sql`update api_tokens set revoked_at = now() where name = 'other'`,
      "update api_tokens set revoked_at = now() where name = 'other'",
    );
    const declared = await declare();
    expect(declared.status, declared.text).toBe(201);
    expect(declared.json.id).toBe("INC-" + new Date().getUTCFullYear() + "-0003");
    expect(await queryRows(sql`select id from incidents`)).toHaveLength(3);
  });

  it("a token whose creator was disabled elsewhere is refused on the very next request", async () => {
    await elsewhere(
      sql`update users set disabled_at = now() where id = 'user_abc123'`,
      "update users set disabled_at = now() where id = 'user_abc123'",
    );
    expect((await declare()).status).toBe(401);
  });

  it("a token whose creator was demoted elsewhere acts with the lower role on the very next request", async () => {
    await elsewhere(
      sql`update users set role = 'viewer' where id = 'user_abc123'`,
      "update users set role = 'viewer' where id = 'user_abc123'",
    );
    expect((await declare()).status).toBe(403);
  });

  it("a token made to expire elsewhere is refused on the very next request", async () => {
    await elsewhere(
      sql`update api_tokens set expires_at = now() - interval '1 second'`,
      "update api_tokens set expires_at = now() - interval '1 second'",
    );
    expect((await declare()).status).toBe(401);
  });

  it("a deleted token is refused on the very next request; recording last use moves nothing", async () => {
    const [before] = await queryRows<{ v: string }>(sql`select tokens_version::text as v from token_stamp`);
    await elsewhere(
      sql`update api_tokens set last_used_at = now() - interval '1 hour'`,
      "update api_tokens set last_used_at = now() - interval '1 hour'",
    );
    const [after] = await queryRows<{ v: string }>(sql`select tokens_version::text as v from token_stamp`);
    expect(after.v).toBe(before.v);
    await elsewhere(
      sql`delete from api_tokens where name = 'cached'`,
      "delete from api_tokens where name = 'cached'",
    );
    expect((await declare()).status).toBe(401);
  });
});

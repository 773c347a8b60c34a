import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import { services } from "@/db/core-schema";
import { LOCK_TIMEOUT_MS, runTransaction, TRANSACTION_ATTEMPTS } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-route";
import { ABANDONED_AFTER_SECONDS } from "@/lib/http/idempotency";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

/** A real database error with the given SQLSTATE, raised by the server and reported by the driver. */
const raise = (tx: Db, code: string) =>
  tx.execute(sql.raw(`do $$ begin raise exception 'forced by the test' using errcode = '${code}'; end $$`));
const probeRows = async () =>
  (await queryRows(sql`select slug from services where slug = 'retry-probe'`)).length;

beforeEach(async () => {
  await resetDatabase();
});

describe("runTransaction", () => {
  it.each([
    ["a deadlock victim", "40P01"],
    ["a serialization failure", "40001"],
  ])("runs the whole transaction again after %s (%s)", async (_, code) => {
    const db = await getDb();
    let attempts = 0;
    const result = await runTransaction(db, async (tx) => {
      attempts++;
      await tx.insert(services).values({ slug: "retry-probe", name: "Retry probe" });
      if (attempts === 1) await raise(tx, code);
      return "applied";
    });
    expect(result).toBe("applied");
    expect(attempts).toBe(2);
    // The first attempt's insert was rolled back (otherwise the second would have hit the primary key).
    expect(await probeRows()).toBe(1);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} attempts with a 503 problem+json and Retry-After, changing nothing`, async () => {
    let attempts = 0;
    const route = apiRoute(async ({ db }) => {
      await runTransaction(db, async (tx) => {
        attempts++;
        await tx.insert(services).values({ slug: "retry-probe", name: "Retry probe" });
        await raise(tx, "40P01");
      });
      return json({ applied: true }, { status: 201 });
    });
    const res = await call(route, "/api/probe", {
      method: "POST",
      body: {},
      headers: { "idempotency-key": "always-deadlocks" },
    });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.json.type).toContain("unavailable");
    expect(await probeRows()).toBe(0);
    // Nothing was committed, so the key is forgotten and a retry may run.
    expect(
      await queryRows(sql`select key from idempotency_keys where key = 'always-deadlocks'`),
    ).toHaveLength(0);
  });

  it("answers a lock or statement timeout with 503 at once (no retry)", async () => {
    const db = await getDb();
    for (const code of ["55P03", "57014"]) {
      let attempts = 0;
      const error = await runTransaction(db, async (tx) => {
        attempts++;
        await raise(tx, code);
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("unavailable");
      expect(attempts).toBe(1);
    }
  });

  it("passes other errors through untouched, without retrying", async () => {
    const db = await getDb();
    let attempts = 0;
    const refusal = new DomainError("conflict", "refused by the use case");
    await expect(
      runTransaction(db, async () => {
        attempts++;
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(attempts).toBe(1);
  });

  it("sets lock and statement timeouts for its transaction only, the lock timeout well inside the claim cutoff", async () => {
    const db = await getDb();
    const [before] = await queryRows<{ lock: string }>(sql`select current_setting('lock_timeout') as lock`);
    const inside = await runTransaction(db, async (tx) => {
      const rows = await tx.execute(
        sql`select current_setting('lock_timeout') as lock, current_setting('statement_timeout') as statement`,
      );
      return (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows)[0] as {
        lock: string;
        statement: string;
      };
    });
    expect(inside).toEqual({ lock: "5s", statement: "15s" });
    const [outside] = await queryRows<{ lock: string }>(sql`select current_setting('lock_timeout') as lock`);
    // Back to the connection's own default (db/client.ts) once the transaction is over.
    expect(outside.lock).toBe(before.lock);
    // Every attempt waiting the full lock timeout still ends before a retry could take the claim over.
    expect(LOCK_TIMEOUT_MS * TRANSACTION_ATTEMPTS).toBeLessThan(ABANDONED_AFTER_SECONDS * 1000);
  });
});

describe("adding brand-new services in opposite orders at once", () => {
  it("must not fail", async () => {
    const db = await getDb();
    // Each new catalog row takes 10 ms here, so the two inserts really overlap: unordered, each
    // declaration would wait for a slug the other has just inserted (a deadlock on PostgreSQL).
    await db.execute(
      sql`create function slow_service_insert() returns trigger language plpgsql as $$ begin perform pg_sleep(0.01); return new; end $$`,
    );
    await db.execute(
      sql`create trigger slow_service_insert before insert on services for each row execute function slow_service_insert()`,
    );
    try {
      const slugs = Array.from({ length: 20 }, (_, n) => `svc-${String(n).padStart(2, "0")}-new`);
      const answers = await Promise.all(
        [slugs, [...slugs].reverse()].map((list) =>
          call(collection.POST, "/api/dashboard/incidents", {
            method: "POST",
            body: { ...validIncident, services: list },
          }),
        ),
      );
      expect(answers.map((x) => x.status)).toEqual([201, 201]);
    } finally {
      await db.execute(sql`drop trigger slow_service_insert on services`);
      await db.execute(sql`drop function slow_service_insert()`);
    }
    const [row] = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from services where slug like 'svc-%'`,
    );
    expect(Number(row.n)).toBe(20);
  });
});

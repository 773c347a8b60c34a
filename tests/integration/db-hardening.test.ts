import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb, getDbHandle, sessionTimeouts } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { toActionError } from "@/lib/http/action-state";
import { handleApiError } from "@/lib/http/problem";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

// Values no server would have by default, so SHOW proves they came from this configuration.
process.env.DB_STATEMENT_TIMEOUT_MS = "12345";
process.env.DB_LOCK_TIMEOUT_MS = "2345";
process.env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = "34567";

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const show = async (setting: string) =>
  (await queryRows<Record<string, string>>(sql.raw(`SHOW ${setting}`)))[0][setting];

describe("session timeouts", () => {
  it("are set on the app's connections from the environment", async () => {
    expect(await show("statement_timeout")).toBe("12345ms");
    expect(await show("lock_timeout")).toBe("2345ms");
    expect(await show("idle_in_transaction_session_timeout")).toBe("34567ms");
  });

  it("run without JIT (its compile time dwarfs the app's short reads)", async () => {
    expect(await show("jit")).toBe("off");
    expect(await show("TimeZone")).toBe("UTC");
  });

  it("run without parallel workers (starting them costs more than the app's short reads gain)", async () => {
    expect(await show("max_parallel_workers_per_gather")).toBe("0");
  });

  it("hold inside a transaction of the app's handle too (every pooled connection has them)", async () => {
    const db = await getDb();
    const seen = await Promise.all(
      [1, 2, 3].map(() =>
        db.transaction(async (tx) => {
          const result = (await tx.execute(sql`select current_setting('lock_timeout') as v`)) as unknown;
          const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
            v: string;
          }[];
          return rows[0].v;
        }),
      ),
    );
    expect(seen).toEqual(["2345ms", "2345ms", "2345ms"]);
  });

  it("send parameterised statements as server-side prepared statements on PostgreSQL (one Bind + Execute once seen)", async () => {
    const { kind } = await getDbHandle();
    const statements = await (
      await getDb()
    ).transaction(async (tx) => {
      // Twice, so the second run is the cached statement; both on the transaction's one connection.
      for (let i = 0; i < 2; i++) await tx.execute(sql`select ${i}::int + 41 as answer_probe`);
      const result = (await tx.execute(
        sql`select statement from pg_prepared_statements where statement like '%answer_probe%' and statement not like '%pg_prepared_statements%'`,
      )) as unknown;
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        statement: string;
      }[];
    });
    // PGlite is one in-process session without a wire round trip to save; it stays on unnamed statements.
    expect(statements.length).toBe(kind === "postgres" ? 1 : 0);
  });

  it("give way to the transaction's own limits inside runTransaction when they differ", async () => {
    const inside = await runTransaction(await getDb(), async (tx) => {
      const result = (await tx.execute(
        sql`select current_setting('lock_timeout') as lock, current_setting('statement_timeout') as statement`,
      )) as unknown;
      return (
        (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
          lock: string;
          statement: string;
        }[]
      )[0];
    });
    expect(inside).toEqual({ lock: "5s", statement: "15s" });
  });

  it("default to 15 s, 5 s and 30 s and refuse a value that is not whole milliseconds", () => {
    expect(sessionTimeouts({})).toEqual({
      statement_timeout: 15_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 30_000,
    });
    expect(sessionTimeouts({ DB_LOCK_TIMEOUT_MS: "0" }).lock_timeout).toBe(0);
    expect(() => sessionTimeouts({ DB_STATEMENT_TIMEOUT_MS: "15s" })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
    expect(() => sessionTimeouts({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "-1" })).toThrow(
      /DB_IDLE_IN_TRANSACTION_TIMEOUT_MS/,
    );
  });
});

describe("TRUNCATE guard on timeline_entries", () => {
  it("refuses TRUNCATE of the timeline, directly or cascaded from incidents, and keeps the rows", async () => {
    expect(
      (await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident }))
        .status,
    ).toBe(201);
    const db = await getDb();
    await expect(db.execute(sql`TRUNCATE timeline_entries`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "P0001" }),
    });
    await expect(db.execute(sql`TRUNCATE incidents CASCADE`)).rejects.toThrow();
    const [{ n }] = await queryRows<{ n: number }>(sql`select count(*)::int as n from timeline_entries`);
    expect(n).toBe(1);
  });

  it("allows it only in a transaction that opted in, and the opt-in ends with the transaction", async () => {
    expect(
      (await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident }))
        .status,
    ).toBe(201);
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('app.allow_timeline_truncate', 'on', true)`);
      await tx.execute(sql`TRUNCATE timeline_entries`);
    });
    expect((await queryRows<{ n: number }>(sql`select count(*)::int as n from timeline_entries`))[0].n).toBe(
      0,
    );
    await expect(db.execute(sql`TRUNCATE timeline_entries`)).rejects.toThrow();
  });
});

describe("error logs", () => {
  const SECRET = "sk_live_9f8e7d6c5b4a3210";

  async function failingQueryError() {
    const db = await getDb();
    try {
      // A real driver error whose query had the secret as a parameter (and PostgreSQL quotes it back).
      await db.execute(sql`select ${SECRET}::int as n`);
    } catch (error) {
      return error;
    }
    throw new Error("the query was expected to fail");
  }

  function capture() {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10 }))).join(" "));
    });
    return lines;
  }

  it("the API's 500 path logs the SQLSTATE and the query shape, never a parameter", async () => {
    const error = await failingQueryError();
    // Without sanitising, this is what would have been written:
    expect(String(error) + String((error as { cause?: unknown }).cause)).toContain(SECRET);
    const lines = capture();
    const res = handleApiError(error, "/api/dashboard/incidents");
    expect(res.status).toBe(500);
    const logged = lines.join("\n");
    expect(logged).not.toContain(SECRET);
    expect(logged).toContain("22P02");
    expect(logged).toContain("select $1::int as n");
    expect(await res.text()).not.toContain(SECRET);
  });

  it("the server actions' fallback logs no parameter either", async () => {
    const error = await failingQueryError();
    const lines = capture();
    expect(toActionError(error).code).toBe("internal");
    expect(lines.join("\n")).not.toContain(SECRET);
    expect(lines.join("\n")).toContain("22P02");
  });

  it("a unique violation logs its constraint but not the duplicated value", async () => {
    const db = await getDb();
    let error: unknown;
    try {
      await db.execute(
        sql`insert into users (id, name, email) values ('u_dup', 'Dup', ${"alex@example.com"})`,
      );
    } catch (caught) {
      error = caught;
    }
    const lines = capture();
    handleApiError(error);
    const logged = lines.join("\n");
    expect(logged).toContain("23505");
    expect(logged).toContain("users_email_unique");
    expect(logged).not.toContain("alex@example.com");
  });
});

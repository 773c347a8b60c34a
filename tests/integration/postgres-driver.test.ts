import postgres from "postgres";
import { expect, it } from "vitest";

// postgres.js 3.4.9 let a BEGIN that filled a busy connection's pipeline skip the hook that reserves
// the connection for its transaction (porsager/postgres#1189, #823): the transaction then failed with
// UNSAFE_TRANSACTION, or ran on a connection the pool handed to other queries. It showed under bursts
// (1,000 concurrent alert triggers on a pool of 10); patches/postgres+3.4.9.patch fixes it. The driver
// is exercised against the machine's PostgreSQL whichever database the suite targets.
const URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

it("keeps a transaction's connection when its BEGIN fills a busy connection's pipeline", async () => {
  // max_pipeline: a documented option the types leave out.
  const sql = postgres(URL, { max: 2, max_pipeline: 1, onnotice: () => {} } as postgres.Options<
    Record<string, never>
  >);
  try {
    // Both connections open, then busy, so what comes next is pipelined behind running queries.
    await Promise.all([sql`select pg_sleep(0.05)`, sql`select pg_sleep(0.05)`]);
    const busy = [sql`select pg_sleep(0.3)`.execute(), sql`select pg_sleep(0.3)`.execute()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const transaction = () =>
      sql.begin(async (tx) => {
        const [first] = await tx`select txid_current()::text as id, pg_backend_pid() as pid`;
        const [second] = await tx`select txid_current()::text as id, pg_backend_pid() as pid`;
        return first.id === second.id && first.pid === second.pid ? "one transaction" : "split";
      });
    const results = await Promise.allSettled([
      sql`select 1`,
      sql`select 2`,
      transaction(),
      transaction(),
      transaction(),
      sql`select 3`,
    ]);
    expect(
      results.map((r) =>
        r.status === "fulfilled" ? (typeof r.value === "string" ? r.value : "rows") : String(r.reason),
      ),
    ).toEqual(["rows", "rows", "one transaction", "one transaction", "one transaction", "rows"]);
    await Promise.all(busy);
  } finally {
    await sql.end({ timeout: 1 });
  }
});

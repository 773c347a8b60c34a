import { sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb, serialLaneOf } from "@/db/client";
import { call, queryRows, resetDatabase, TEST_TARGET, validIncident } from "@/tests/support/harness";

// A declaration run on its own goes down one connection per process (db/client.ts serialLaneOf):
// declarations queue there, pipelined, instead of in PostgreSQL on the year's counter row. Each is
// still its own transaction: one that fails must not take its neighbours in the pipeline with it.

const PATH = "/api/dashboard/incidents";
const declare = (body: Record<string, unknown> = {}) =>
  call(collection.POST, PATH, { method: "POST", body: { ...validIncident, ...body } });
const number = (id: string) => Number(id.split("-")[2]);

beforeEach(async () => {
  await resetDatabase();
});

/** On PostgreSQL, holds the year's counter row from another session until `release` is called. */
async function holdCounter(year: number) {
  const session = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = session.begin(async (tx) => {
    await tx`select last from incident_counters where year = ${year} for update`;
    locked();
    await released;
  });
  await isLocked;
  return { release: async () => (release(), await done, await session.end({ timeout: 1 })) };
}

/** Backends of this database waiting for a lock, by application_name. */
const lockWaiters = () =>
  queryRows<{
    app: string;
    n: number;
  }>(sql`select application_name as app, count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' group by 1 order by 1`);

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the serial lane of declarations", () => {
  it("is its own connection on PostgreSQL and the handle itself on PGlite", async () => {
    const db = await getDb();
    expect(serialLaneOf(db) === db).toBe(TEST_TARGET === "pglite");
  });

  it("keeps a refused declaration from disturbing the ones pipelined around it", async () => {
    const year = new Date().getUTCFullYear();
    const first = await declare();
    expect(first.status).toBe(201);
    const hold = TEST_TARGET === "postgres" ? await holdCounter(year) : null;
    // While the counter is held (PostgreSQL), all six are sent. Two are refused by the statement
    // itself, in the pipeline: an unknown environment fails the incident's foreign key.
    const pending = [
      declare({ title: "Outage A" }),
      declare({ title: "Outage B", environment: "moon-base" }),
      declare({ title: "Outage C" }),
      declare({ title: "Outage D", environment: "moon-base" }),
      declare({ title: "Outage E" }),
      declare({ title: "Outage F" }),
    ];
    try {
      if (hold) {
        // Only the lane's connection waits on the lock: the rest queue behind it in the pipeline, not
        // as backends each parked on the row (the pool would show five or six here).
        await until(
          async () => (await lockWaiters()).some((w) => w.app === "incident-manager-serial"),
          "the lane to wait on the counter",
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await lockWaiters()).toEqual([{ app: "incident-manager-serial", n: 1 }]);
      }
    } finally {
      await hold?.release();
    }
    const answers = await Promise.all(pending);
    expect(answers.map((a) => a.status)).toEqual([201, 422, 201, 422, 201, 201]);
    for (const refused of [answers[1], answers[3]]) expect(refused.json.errors[0].path).toBe("environment");
    // The four accepted took the next four numbers (in the order their statements reached the lane),
    // and each answer describes the row stored under its ID.
    const accepted = [answers[0], answers[2], answers[4], answers[5]].map(
      (a) => a.json as { id: string; title: string },
    );
    expect(accepted.map((a) => number(a.id)).sort()).toEqual([2, 3, 4, 5]);
    const rows = await queryRows<{ id: string; title: string }>(
      sql`select id, title from incidents order by seq`,
    );
    expect(rows.map((r) => r.id)).toEqual([first.json.id, ...accepted.map((a) => a.id).sort()]);
    const titleById = new Map(rows.map((r) => [r.id, r.title]));
    for (const a of accepted) expect(titleById.get(a.id)).toBe(a.title);
    expect(accepted.map((a) => a.title).sort()).toEqual(["Outage A", "Outage C", "Outage E", "Outage F"]);
    const [counter] = await queryRows<{ last: number }>(
      sql`select last from incident_counters where year = ${year}`,
    );
    expect(counter.last).toBe(5);
  });
});

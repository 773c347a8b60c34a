import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb, openDatabase } from "@/db/client";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { queryRows, resetDatabase, responder, TEST_TARGET, validIncident } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Until `count` declarations wait for a lock (PGlite: queued behind its one transaction). */
async function untilWaiting(count: number) {
  for (let turn = 0; turn < 2000; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (TEST_TARGET === "pglite") {
      if (turn > 20) return;
      continue;
    }
    const [{ n }] = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (n >= count) return;
  }
  throw new Error(`${count} declarations never waited for the counter`);
}

/** Someone else (a declaration still committing) holds the year's counter row until released. */
async function holdCounter(year: number) {
  const db = await getDb();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const blocker = db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into incident_counters (year, last) values (${year}, 0) on conflict (year) do update set last = incident_counters.last`,
    );
    held();
    await gate;
  });
  await holding;
  return async () => {
    release();
    await blocker;
  };
}

const times = async () =>
  queryRows<{ id: string; seq: number; created_at: string }>(
    sql`select id, seq, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as created_at from incidents order by year, seq`,
  );

describe("incident ID year on New Year's Eve", () => {
  it("keeps the year of the time it was declared at, for its ID and its time alike, however long it waited for the counter", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-31T23:59:59.000Z"));
    const release = await holdCounter(2026);

    const declaring = declareIncident(await getDb(), responder, validIncident);
    await untilWaiting(1);
    vi.setSystemTime(new Date("2027-01-01T00:00:01.000Z"));
    await release();
    const incident = await declaring;

    expect([incident.id, incident.createdAt.toISOString()]).toEqual([
      "INC-2026-0001",
      "2026-12-31T23:59:59.000Z",
    ]);
  });
});

describe("declaration times follow ID order", () => {
  it("gives a declaration that read the clock before an earlier-numbered one that one's time", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const db = await getDb();
    const release = await holdCounter(2026);
    vi.setSystemTime(new Date("2026-06-01T10:00:02.000Z"));
    const first = declareIncident(db, responder, {
      ...validIncident,
      title: "Read the clock later, queued first",
    });
    await untilWaiting(1);
    vi.setSystemTime(new Date("2026-06-01T10:00:01.000Z"));
    // From another instance on PostgreSQL (its own pool and serial lane): in this one, the second would
    // queue behind the first on the lane's connection, where no lock wait shows it has arrived.
    const other = TEST_TARGET === "postgres" ? await openDatabase() : null;
    try {
      const second = declareIncident(other?.db ?? db, responder, {
        ...validIncident,
        title: "Read the clock earlier, queued second",
      });
      await untilWaiting(2);
      await release();
      await Promise.all([first, second]);
    } finally {
      await other?.close();
    }

    const rows = await times();
    expect(rows.map((row) => row.created_at)).toEqual(["2026-06-01T10:00:02.000", "2026-06-01T10:00:02.000"]);
    expect(rows.map((row) => row.id)).toEqual(["INC-2026-0001", "INC-2026-0002"]);
  });

  it("takes a caller's own clock as given (a replay may declare out of order)", async () => {
    const db = await getDb();
    await declareIncident(db, responder, validIncident, { now: new Date("2026-06-01T10:00:02.000Z") });
    await declareIncident(db, responder, validIncident, { now: new Date("2026-06-01T10:00:01.000Z") });
    expect((await times()).map((row) => row.created_at)).toEqual([
      "2026-06-01T10:00:02.000",
      "2026-06-01T10:00:01.000",
    ]);
  });
});

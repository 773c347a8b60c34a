import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { queryRows, resetDatabase, responder, TEST_TARGET, validIncident } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Until the declaration is queued behind the counter lock (PGlite: behind its one transaction). */
async function untilWaitingForCounters() {
  for (let turn = 0; turn < 2000; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (TEST_TARGET === "pglite") {
      if (turn > 20) return;
      continue;
    }
    const [{ n }] = await queryRows<{ n: number }>(sql`select count(*)::int as n from pg_locks where relation = 'incident_counters'::regclass and not granted`);
    if (n > 0) return;
  }
  throw new Error("the declaration never waited for the counter lock");
}

describe("incident ID year on New Year's Eve", () => {
  it("takes the year from a time read after the counter lock, not from before the wait", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-31T23:59:59.000Z"));
    const db = await getDb();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    // Someone else holds the counters (a declaration still committing) across midnight.
    const blocker = db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE incident_counters IN EXCLUSIVE MODE`);
      held();
      await gate;
    });
    await holding;

    const declaring = declareIncident(db, responder, validIncident);
    await untilWaitingForCounters();
    vi.setSystemTime(new Date("2027-01-01T00:00:01.000Z"));
    release();
    await blocker;
    const incident = await declaring;

    expect(incident.id).toBe("INC-2027-0001");
    expect(incident.createdAt.toISOString()).toBe("2027-01-01T00:00:01.000Z");
    const counters = await queryRows<{ year: number; last: number }>(sql`select year, last from incident_counters order by year`);
    expect(counters).toEqual([{ year: 2027, last: 1 }]);
  });
});

import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { allocateIncidentId } from "./allocate-incident-id";

// PGlite runs one transaction at a time, so only PostgreSQL can show the wait itself
// (tests/integration/incident-id-year.test.ts); this pins the order on any database.
describe("allocateIncidentId", () => {
  const fakeTx = (steps: string[], seen: { year?: number }) => {
    const chain = {
      values: (v: { year: number }) => ((seen.year = v.year), chain),
      onConflictDoUpdate: () => chain,
      returning: () => (steps.push("upsert sent"), Promise.resolve([{ last: 7 }]).then((rows) => (steps.push("upsert done"), rows))),
    };
    return {
      execute: () => (steps.push("lock sent"), Promise.resolve().then(() => void steps.push("lock held"))),
      insert: () => chain,
    } as unknown as Db;
  };

  it("sends the lock before the upsert and reads the clock again once both are done", async () => {
    const steps: string[] = [];
    const seen: { year?: number } = {};
    const result = await allocateIncidentId(fakeTx(steps, seen), () => {
      steps.push("clock");
      return new Date("2027-01-01T00:00:00.500Z");
    });
    expect(steps).toEqual(["clock", "lock sent", "upsert sent", "lock held", "upsert done", "clock"]);
    expect(seen.year).toBe(2027);
    expect(result).toMatchObject({ id: "INC-2027-0007", seq: 7, year: 2027 });
  });

  it("refuses a number of the old year when the year turned during the wait, as a retryable failure", async () => {
    const times = [new Date("2026-12-31T23:59:59.900Z"), new Date("2027-01-01T00:00:00.100Z")];
    await expect(allocateIncidentId(fakeTx([], {}), () => times.shift()!)).rejects.toMatchObject({ code: "40001" });
  });
});

import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { allocateIncidentId } from "./allocate-incident-id";

// PGlite runs one transaction at a time, so only PostgreSQL can show the wait itself
// (tests/integration/incident-id-year.test.ts); this pins the order on any database.
describe("allocateIncidentId", () => {
  it("reads the clock only after the counter lock is held, and takes the year from that time", async () => {
    const steps: string[] = [];
    let values: { year: number } | undefined;
    const chain = {
      values: (v: { year: number }) => ((values = v), chain),
      onConflictDoUpdate: () => chain,
      returning: async () => (steps.push("upsert"), [{ last: 7 }]),
    };
    const tx = {
      execute: async () => void steps.push("lock"),
      insert: () => chain,
    } as unknown as Db;
    const result = await allocateIncidentId(tx, () => {
      steps.push("clock");
      return new Date("2027-01-01T00:00:00.500Z");
    });
    expect(steps).toEqual(["lock", "clock", "upsert"]);
    expect(values?.year).toBe(2027);
    expect(result).toMatchObject({ id: "INC-2027-0007", seq: 7, year: 2027 });
  });
});

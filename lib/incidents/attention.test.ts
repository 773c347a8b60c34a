import { describe, expect, it } from "vitest";
import { isUpdateOverdue, responseState } from "./attention";

const t0 = new Date("2026-03-15T14:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("responseState", () => {
  it("marks a SEV1 still declared after 15 minutes as breached, not before", () => {
    const incident = { severity: "SEV1" as const, status: "declared" as const, createdAt: t0, investigatingAt: null };
    expect(responseState(incident, at(14)).breached).toBe(false);
    expect(responseState(incident, at(16)).breached).toBe(true);
  });
  it("measures the response and whether it was late (SEV3 target is 2 hours)", () => {
    const onTime = responseState({ severity: "SEV3", status: "investigating", createdAt: t0, investigatingAt: at(90) }, at(200));
    expect(onTime).toMatchObject({ respondedInSeconds: 5400, respondedLate: false, breached: false, targetLabel: "< 2 hours" });
    const late = responseState({ severity: "SEV2", status: "mitigated", createdAt: t0, investigatingAt: at(31) }, at(60));
    expect(late).toMatchObject({ respondedInSeconds: 1860, respondedLate: true });
  });
});

describe("isUpdateOverdue", () => {
  it("only for open SEV1/SEV2 without an entry for 15 minutes", () => {
    expect(isUpdateOverdue({ severity: "SEV1", status: "investigating", lastUpdateAt: at(0), createdAt: t0 }, at(16))).toBe(true);
    expect(isUpdateOverdue({ severity: "SEV2", status: "mitigated", lastUpdateAt: at(5), createdAt: t0 }, at(16))).toBe(false);
    expect(isUpdateOverdue({ severity: "SEV3", status: "investigating", lastUpdateAt: at(0), createdAt: t0 }, at(60))).toBe(false);
    expect(isUpdateOverdue({ severity: "SEV1", status: "resolved", lastUpdateAt: at(0), createdAt: t0 }, at(60))).toBe(false);
    expect(isUpdateOverdue({ severity: "SEV1", status: "declared", lastUpdateAt: null, createdAt: t0 }, at(20))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  DEFAULT_UPDATE_INTERVALS,
  isManualUpdate,
  isUpdateOverdue,
  MANUAL_UPDATE_KINDS,
  responseState,
  updateSilence,
} from "./attention";

const t0 = new Date("2026-03-15T14:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("responseState", () => {
  it("marks a SEV1 still declared after 15 minutes as breached, not before", () => {
    const incident = {
      severity: "SEV1" as const,
      status: "declared" as const,
      createdAt: t0,
      investigatingAt: null,
    };
    expect(responseState(incident, at(14)).breached).toBe(false);
    expect(responseState(incident, at(16)).breached).toBe(true);
  });
  it("measures the response and whether it was late (SEV3 target is 2 hours)", () => {
    const onTime = responseState(
      { severity: "SEV3", status: "investigating", createdAt: t0, investigatingAt: at(90) },
      at(200),
    );
    expect(onTime).toMatchObject({
      respondedInSeconds: 5400,
      respondedLate: false,
      breached: false,
      targetLabel: "< 2 hours",
    });
    const late = responseState(
      { severity: "SEV2", status: "mitigated", createdAt: t0, investigatingAt: at(31) },
      at(60),
    );
    expect(late).toMatchObject({ respondedInSeconds: 1860, respondedLate: true });
  });
});

describe("isUpdateOverdue / updateSilence", () => {
  const d = DEFAULT_UPDATE_INTERVALS;
  it("only for open SEV1/SEV2 without a manual update for 15 minutes (the defaults)", () => {
    expect(
      isUpdateOverdue(
        { severity: "SEV1", status: "investigating", lastManualUpdateAt: at(0), createdAt: t0 },
        d,
        at(16),
      ),
    ).toBe(true);
    expect(
      isUpdateOverdue(
        { severity: "SEV2", status: "mitigated", lastManualUpdateAt: at(5), createdAt: t0 },
        d,
        at(16),
      ),
    ).toBe(false);
    expect(
      isUpdateOverdue(
        { severity: "SEV3", status: "investigating", lastManualUpdateAt: at(0), createdAt: t0 },
        d,
        at(60),
      ),
    ).toBe(false);
    expect(
      isUpdateOverdue(
        { severity: "SEV1", status: "resolved", lastManualUpdateAt: at(0), createdAt: t0 },
        d,
        at(60),
      ),
    ).toBe(false);
    expect(
      isUpdateOverdue(
        { severity: "SEV1", status: "declared", lastManualUpdateAt: null, createdAt: t0 },
        d,
        at(20),
      ),
    ).toBe(true);
  });
  it("is strictly longer than the interval: 15 minutes exactly is not overdue yet", () => {
    const incident = {
      severity: "SEV1" as const,
      status: "investigating" as const,
      lastManualUpdateAt: null,
      createdAt: t0,
    };
    expect(updateSilence(incident, d, at(14))).toMatchObject({
      overdue: false,
      silentMinutes: 14,
      intervalMinutes: 15,
    });
    expect(updateSilence(incident, d, at(15)).overdue).toBe(false);
    expect(updateSilence(incident, d, at(16))).toMatchObject({
      overdue: true,
      silentMinutes: 16,
      silentSince: t0,
    });
  });
  it("uses the configured interval per severity; null turns the reminder off", () => {
    const custom = { SEV1: 5, SEV2: null, SEV3: 60, SEV4: null };
    expect(
      isUpdateOverdue(
        { severity: "SEV1", status: "investigating", lastManualUpdateAt: null, createdAt: t0 },
        custom,
        at(6),
      ),
    ).toBe(true);
    expect(
      isUpdateOverdue(
        { severity: "SEV2", status: "investigating", lastManualUpdateAt: null, createdAt: t0 },
        custom,
        at(600),
      ),
    ).toBe(false);
    expect(
      isUpdateOverdue(
        { severity: "SEV3", status: "declared", lastManualUpdateAt: at(10), createdAt: t0 },
        custom,
        at(69),
      ),
    ).toBe(false);
    expect(
      isUpdateOverdue(
        { severity: "SEV3", status: "declared", lastManualUpdateAt: at(10), createdAt: t0 },
        custom,
        at(71),
      ),
    ).toBe(true);
  });
  it("counts only people's messages as updates", () => {
    expect(MANUAL_UPDATE_KINDS).toEqual(["update", "action", "resolution"]);
    expect(isManualUpdate("status_changed")).toBe(false);
    expect(isManualUpdate("update_overdue")).toBe(false);
    expect(isManualUpdate("action")).toBe(true);
  });
});

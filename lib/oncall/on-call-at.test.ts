import { describe, expect, it } from "vitest";
import { nextOnCall, onCallAt, type Override, type Rotation } from "./on-call-at";

const H = 3_600_000;
const start = new Date("2026-03-02T09:00:00Z");
const after = (hours: number, ms = 0) => new Date(start.getTime() + hours * H + ms);
const three: Rotation = { userIds: ["ana", "ben", "cai"], handoffHours: 24, startsAt: start };
const one: Rotation = { userIds: ["solo"], handoffHours: 168, startsAt: start };
let nextId = 1;
const override = (userId: string, from: number, to: number, createdHoursAfterStart = 0): Override => ({
  id: nextId++,
  userId,
  startsAt: after(from),
  endsAt: after(to),
  createdAt: after(createdHoursAfterStart),
});

describe("onCallAt: the rotation", () => {
  it("gives the first member from the start instant on", () => {
    expect(onCallAt(three, [], start)).toBe("ana");
  });

  it("hands off exactly at the boundary, not one millisecond before", () => {
    expect(onCallAt(three, [], after(24, -1))).toBe("ana");
    expect(onCallAt(three, [], after(24))).toBe("ben");
    expect(onCallAt(three, [], after(48, -1))).toBe("ben");
    expect(onCallAt(three, [], after(48))).toBe("cai");
  });

  it("wraps round to the first member after the last one's turn", () => {
    expect(onCallAt(three, [], after(72, -1))).toBe("cai");
    expect(onCallAt(three, [], after(72))).toBe("ana");
    expect(onCallAt(three, [], after(24 * 3 * 100 + 25))).toBe("ben");
  });

  it("keeps a one-person rotation on that person across every boundary", () => {
    expect(onCallAt(one, [], start)).toBe("solo");
    expect(onCallAt(one, [], after(168, -1))).toBe("solo");
    expect(onCallAt(one, [], after(168))).toBe("solo");
    expect(onCallAt(one, [], after(168 * 52))).toBe("solo");
  });

  it("has nobody on call before the rotation starts", () => {
    expect(onCallAt(three, [], new Date(start.getTime() - 1))).toBeNull();
    expect(onCallAt(one, [], new Date("2020-01-01T00:00:00Z"))).toBeNull();
  });

  it("has nobody without a rotation or with an empty one", () => {
    expect(onCallAt(null, [], start)).toBeNull();
    expect(onCallAt({ ...three, userIds: [] }, [], start)).toBeNull();
  });

  it("leaves an ineligible member's turn empty instead of handing it to someone else", () => {
    const notBen = (id: string) => id !== "ben";
    expect(onCallAt(three, [], after(30), notBen)).toBeNull();
    expect(onCallAt(three, [], after(50), notBen)).toBe("cai");
  });
});

describe("onCallAt: overrides", () => {
  it("wins over the rotation inside its range, which is closed at the start and open at the end", () => {
    const cover = [override("dee", 10, 20)];
    expect(onCallAt(three, cover, after(10, -1))).toBe("ana");
    expect(onCallAt(three, cover, after(10))).toBe("dee");
    expect(onCallAt(three, cover, after(20, -1))).toBe("dee");
    expect(onCallAt(three, cover, after(20))).toBe("ana");
  });

  it("hands over between adjacent overrides at the shared instant", () => {
    const cover = [override("dee", 10, 20), override("eve", 20, 30)];
    expect(onCallAt(three, cover, after(20, -1))).toBe("dee");
    expect(onCallAt(three, cover, after(20))).toBe("eve");
    expect(onCallAt(three, cover, after(30))).toBe("ben");
  });

  it("lets the newest override win where several overlap, whatever their order", () => {
    const older = override("dee", 0, 48, 1);
    const newer = override("eve", 12, 24, 2);
    for (const cover of [
      [older, newer],
      [newer, older],
    ]) {
      expect(onCallAt(three, cover, after(11))).toBe("dee");
      expect(onCallAt(three, cover, after(12))).toBe("eve");
      expect(onCallAt(three, cover, after(24))).toBe("dee");
    }
  });

  it("applies before the rotation starts and without any rotation", () => {
    expect(onCallAt(three, [override("dee", -10, -5)], after(-6))).toBe("dee");
    expect(onCallAt(null, [override("dee", 0, 5)], after(1))).toBe("dee");
  });

  it("falls through an ineligible override to the one beneath it, then to the rotation", () => {
    const cover = [override("dee", 0, 10, 1), override("vic", 0, 10, 2)];
    const notVic = (id: string) => id !== "vic";
    expect(onCallAt(three, cover, after(5), notVic)).toBe("dee");
    expect(onCallAt(three, [override("vic", 0, 10)], after(5), notVic)).toBe("ana");
  });
});

describe("nextOnCall", () => {
  it("names the next member and the exact hand-off instant", () => {
    expect(nextOnCall(three, [], start)).toEqual({ userId: "ben", at: after(24) });
    expect(nextOnCall(three, [], after(24, -1))).toEqual({ userId: "ben", at: after(24) });
    expect(nextOnCall(three, [], after(24))).toEqual({ userId: "cai", at: after(48) });
    expect(nextOnCall(three, [], after(71))).toEqual({ userId: "ana", at: after(72) });
  });

  it("starts with the first member when asked before the rotation begins", () => {
    expect(nextOnCall(three, [], after(-5))).toEqual({ userId: "ana", at: start });
  });

  it("has no hand-off for one person without overrides, and finds a far-off override", () => {
    expect(nextOnCall(one, [], after(3))).toBeNull();
    expect(nextOnCall({ ...one, handoffHours: 1 }, [override("dee", 24 * 365, 24 * 366)], after(3))).toEqual({
      userId: "dee",
      at: after(24 * 365),
    });
  });

  it("counts overrides: their start, their end, and a rotation boundary hidden under one", () => {
    const cover = [override("dee", 10, 30)];
    expect(nextOnCall(three, cover, after(1))).toEqual({ userId: "dee", at: after(10) });
    // ana → ben happens at 24 under the override; the next change is the override's end, to ben.
    expect(nextOnCall(three, cover, after(10))).toEqual({ userId: "ben", at: after(30) });
  });

  it("skips an override of the person already on call", () => {
    expect(nextOnCall(three, [override("ana", 5, 10)], after(1))).toEqual({ userId: "ben", at: after(24) });
  });

  it("reports a hand-off to nobody when an ineligible member's turn comes", () => {
    expect(nextOnCall(three, [], after(1), (id) => id !== "ben")).toEqual({ userId: null, at: after(24) });
  });

  it("is null with no rotation and no overrides ahead", () => {
    expect(nextOnCall(null, [override("dee", 0, 5)], after(6))).toBeNull();
  });
});

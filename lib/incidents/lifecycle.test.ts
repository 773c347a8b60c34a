import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { applyTransition, type PhaseFields, type Status, type TransitionCommand } from "./lifecycle";

const CREATED = new Date("2026-03-15T14:00:00.000Z");
const NOW = new Date("2026-03-15T15:00:00.000Z");

// The lifecycle from DESIGN.md, written out by hand: every (from, to) pair and whether it is allowed.
const EXPECTED: [from: Status, to: Status, allowed: boolean][] = [
  ["declared", "declared", false],
  ["declared", "investigating", true],
  ["declared", "mitigated", true],
  ["declared", "resolved", true],
  ["investigating", "declared", false],
  ["investigating", "investigating", false],
  ["investigating", "mitigated", true],
  ["investigating", "resolved", true],
  ["mitigated", "declared", false],
  ["mitigated", "investigating", true],
  ["mitigated", "mitigated", false],
  ["mitigated", "resolved", true],
  ["resolved", "declared", false],
  ["resolved", "investigating", true],
  ["resolved", "mitigated", false],
  ["resolved", "resolved", false],
];

/** A realistic incident sitting in `status`, with the phase timestamps it would have. */
function incidentIn(status: Status): PhaseFields {
  const base: PhaseFields = {
    status,
    createdAt: CREATED,
    investigatingAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    mitigationSummary: null,
    resolutionSummary: null,
    durationSeconds: null,
    reopenCount: 0,
  };
  if (status === "investigating") return { ...base, investigatingAt: new Date("2026-03-15T14:05:00.000Z") };
  if (status === "mitigated") {
    return {
      ...base,
      investigatingAt: new Date("2026-03-15T14:05:00.000Z"),
      mitigatedAt: new Date("2026-03-15T14:20:00.000Z"),
      mitigationSummary: "Rolled back",
    };
  }
  if (status === "resolved") {
    return {
      ...base,
      investigatingAt: new Date("2026-03-15T14:05:00.000Z"),
      mitigatedAt: new Date("2026-03-15T14:20:00.000Z"),
      resolvedAt: new Date("2026-03-15T14:30:00.000Z"),
      mitigationSummary: "Rolled back",
      resolutionSummary: "Fixed the webhook",
      durationSeconds: 1800,
    };
  }
  return base;
}

const withSummaries = (to: Status): TransitionCommand => ({
  to,
  mitigationSummary: "Traffic shifted",
  resolutionSummary: "Config fixed",
});

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a DomainError, nothing was thrown");
}

describe("the transition table", () => {
  it("covers all 16 pairs", () => {
    expect(EXPECTED).toHaveLength(16);
    expect(new Set(EXPECTED.map(([f, t]) => `${f}>${t}`)).size).toBe(16);
  });

  for (const [from, to, allowed] of EXPECTED) {
    it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
      const current = incidentIn(from);
      if (allowed) {
        const { next, event } = applyTransition(current, withSummaries(to), NOW);
        expect(next.status).toBe(to);
        expect(event.kind).toBe("status_changed");
        expect(event.data.from).toBe(from);
        expect(event.data.to).toBe(to);
      } else {
        const error = caught(() => applyTransition(current, withSummaries(to), NOW));
        expect(error.code).toBe("invalid_transition");
        expect(error.status).toBe(422);
        expect(error.errors.map((e) => e.path)).toEqual(["status"]);
      }
    });
  }

  it("names the reason: advance, regress (impact came back) and reopen", () => {
    expect(applyTransition(incidentIn("declared"), withSummaries("resolved"), NOW).event.data.reason).toBe(
      "advance",
    );
    expect(
      applyTransition(incidentIn("mitigated"), withSummaries("investigating"), NOW).event.data.reason,
    ).toBe("regress");
    expect(
      applyTransition(incidentIn("resolved"), withSummaries("investigating"), NOW).event.data.reason,
    ).toBe("reopen");
  });
});

describe("summaries", () => {
  for (const blank of [undefined, null, "", "   \n\t"]) {
    it(`mitigated refuses a mitigationSummary of ${JSON.stringify(blank)}`, () => {
      const error = caught(() =>
        applyTransition(incidentIn("investigating"), { to: "mitigated", mitigationSummary: blank }, NOW),
      );
      expect(error.code).toBe("validation");
      expect(error.errors.map((e) => e.path)).toEqual(["mitigationSummary"]);
    });

    it(`resolved refuses a resolutionSummary of ${JSON.stringify(blank)}`, () => {
      const error = caught(() =>
        applyTransition(incidentIn("mitigated"), { to: "resolved", resolutionSummary: blank }, NOW),
      );
      expect(error.code).toBe("validation");
      expect(error.errors.map((e) => e.path)).toEqual(["resolutionSummary"]);
    });
  }

  it("resolved does not need a mitigationSummary, and summaries are trimmed", () => {
    const { next, event } = applyTransition(
      incidentIn("declared"),
      { to: "resolved", resolutionSummary: "  False alarm  " },
      NOW,
    );
    expect(next.resolutionSummary).toBe("False alarm");
    expect(next.mitigationSummary).toBeNull();
    expect(event.data.summary).toBe("False alarm");
  });

  it("investigating needs no summary", () => {
    expect(applyTransition(incidentIn("declared"), { to: "investigating" }, NOW).next.status).toBe(
      "investigating",
    );
  });
});

describe("timestamps", () => {
  it("declared → investigating stamps investigatingAt only", () => {
    const { next } = applyTransition(incidentIn("declared"), { to: "investigating" }, NOW);
    expect(next).toMatchObject({
      investigatingAt: NOW,
      mitigatedAt: null,
      resolvedAt: null,
      durationSeconds: null,
    });
  });

  it("declared → mitigated gives the skipped investigating phase the transition time", () => {
    const { next } = applyTransition(
      incidentIn("declared"),
      { to: "mitigated", mitigationSummary: "Rolled back" },
      NOW,
    );
    expect(next).toMatchObject({
      investigatingAt: NOW,
      mitigatedAt: NOW,
      resolvedAt: null,
      mitigationSummary: "Rolled back",
    });
  });

  it("declared → resolved (false alarm) stamps every phase and the duration", () => {
    const { next } = applyTransition(
      incidentIn("declared"),
      { to: "resolved", resolutionSummary: "False alarm" },
      NOW,
    );
    // 14:00 → 15:00 is one hour.
    expect(next).toMatchObject({
      investigatingAt: NOW,
      mitigatedAt: NOW,
      resolvedAt: NOW,
      durationSeconds: 3600,
    });
  });

  it("mitigated → resolved keeps the earlier phase times", () => {
    const current = incidentIn("mitigated");
    const { next } = applyTransition(current, { to: "resolved", resolutionSummary: "Fixed" }, NOW);
    expect(next.investigatingAt).toEqual(new Date("2026-03-15T14:05:00.000Z"));
    expect(next.mitigatedAt).toEqual(new Date("2026-03-15T14:20:00.000Z"));
    expect(next.resolvedAt).toEqual(NOW);
    expect(next.mitigationSummary).toBe("Rolled back");
    expect(next.durationSeconds).toBe(3600);
  });

  it("an explicit resolvedAt is used for resolvedAt and the duration", () => {
    const at = new Date("2026-03-15T14:45:30.000Z");
    const { next } = applyTransition(
      incidentIn("investigating"),
      { to: "resolved", resolutionSummary: "Fixed", resolvedAt: at },
      NOW,
    );
    expect(next.resolvedAt).toEqual(at);
    expect(next.mitigatedAt).toEqual(at);
    expect(next.durationSeconds).toBe(45 * 60 + 30);
  });

  it("refuses a resolvedAt more than 5 minutes before the declaration; within the skew it is the declaration time", () => {
    const declared = incidentIn("declared");
    const tooEarly = new Date(CREATED.getTime() - 5 * 60 * 1000 - 1);
    const error = caught(() =>
      applyTransition(declared, { to: "resolved", resolutionSummary: "Fixed", resolvedAt: tooEarly }, NOW),
    );
    expect(error.code).toBe("validation");
    expect(error.errors).toEqual([
      { path: "resolvedAt", message: "Must not be before the declaration time." },
    ]);

    const edge = new Date(CREATED.getTime() - 5 * 60 * 1000);
    const { next } = applyTransition(
      declared,
      { to: "resolved", resolutionSummary: "Fixed", resolvedAt: edge },
      NOW,
    );
    expect(next).toMatchObject({
      investigatingAt: CREATED,
      mitigatedAt: CREATED,
      resolvedAt: CREATED,
      durationSeconds: 0,
    });
  });

  it("refuses a resolvedAt more than 5 minutes before the last phase change (mitigated at 14:20); within the skew it is that time", () => {
    const tooEarly = new Date("2026-03-15T14:14:59.999Z");
    const error = caught(() =>
      applyTransition(
        incidentIn("mitigated"),
        { to: "resolved", resolutionSummary: "Fixed", resolvedAt: tooEarly },
        NOW,
      ),
    );
    expect(error.code).toBe("validation");
    expect(error.errors).toEqual([
      { path: "resolvedAt", message: "Must not be before 2026-03-15T14:20:00.000Z." },
    ]);

    const edge = applyTransition(
      incidentIn("mitigated"),
      { to: "resolved", resolutionSummary: "Fixed", resolvedAt: new Date("2026-03-15T14:15:00.000Z") },
      NOW,
    );
    expect(edge.next.resolvedAt).toEqual(new Date("2026-03-15T14:20:00.000Z"));
    expect(edge.next.durationSeconds).toBe(20 * 60);
    const { next } = applyTransition(
      incidentIn("mitigated"),
      { to: "resolved", resolutionSummary: "Fixed", resolvedAt: new Date("2026-03-15T14:20:00.000Z") },
      NOW,
    );
    expect(next.durationSeconds).toBe(20 * 60);
  });

  it("refuses a resolvedAt more than 5 minutes in the future but accepts one within the skew", () => {
    const tooLate = new Date(NOW.getTime() + 5 * 60 * 1000 + 1000);
    const error = caught(() =>
      applyTransition(
        incidentIn("investigating"),
        { to: "resolved", resolutionSummary: "Fixed", resolvedAt: tooLate },
        NOW,
      ),
    );
    expect(error.code).toBe("validation");
    expect(error.errors.map((e) => e.path)).toEqual(["resolvedAt"]);

    const slightlyAhead = new Date(NOW.getTime() + 4 * 60 * 1000);
    const { next } = applyTransition(
      incidentIn("investigating"),
      { to: "resolved", resolutionSummary: "Fixed", resolvedAt: slightlyAhead },
      NOW,
    );
    expect(next.resolvedAt).toEqual(slightlyAhead);
    expect(next.durationSeconds).toBe(64 * 60);
  });

  it("reopen increments reopenCount and clears resolvedAt, mitigatedAt and durationSeconds", () => {
    const current = { ...incidentIn("resolved"), reopenCount: 2 };
    const { next } = applyTransition(current, { to: "investigating" }, NOW);
    expect(next.status).toBe("investigating");
    expect(next.reopenCount).toBe(3);
    expect(next.resolvedAt).toBeNull();
    expect(next.mitigatedAt).toBeNull();
    expect(next.durationSeconds).toBeNull();
    expect(next.investigatingAt).toEqual(new Date("2026-03-15T14:05:00.000Z"));
  });

  it("mitigated → investigating (impact came back) clears mitigatedAt and does not count as a reopen", () => {
    const { next } = applyTransition(incidentIn("mitigated"), { to: "investigating" }, NOW);
    expect(next.mitigatedAt).toBeNull();
    expect(next.reopenCount).toBe(0);
    expect(next.investigatingAt).toEqual(new Date("2026-03-15T14:05:00.000Z"));
  });

  it("does not mutate the incident it was given", () => {
    const current = incidentIn("investigating");
    const copy = structuredClone(current);
    applyTransition(current, { to: "resolved", resolutionSummary: "Fixed" }, NOW);
    expect(current).toEqual(copy);
  });
});

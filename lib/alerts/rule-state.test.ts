import { describe, expect, it } from "vitest";
import { clearThreshold, type RuleCondition, type RuleState, stepRule } from "./rule-state";

const t0 = new Date("2026-03-15T14:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const OK: RuleState = { state: "ok", stateSince: null, breachStartedAt: null, clearSince: null };
const rule: RuleCondition = { comparator: ">", threshold: 0.05, forSeconds: 180 };

/** Feeds one value per minute and returns the transitions that happened, as [minute, transition]. */
function run(condition: RuleCondition, values: (number | null)[]) {
  let state = OK;
  const transitions: [number, string][] = [];
  values.forEach((value, minute) => {
    const step = stepRule(condition, state, value, at(minute));
    if (step.transition === "fire" || step.transition === "resolve")
      transitions.push([minute, step.transition]);
    state = step;
  });
  return { transitions, state };
}

describe("stepRule", () => {
  it("fires only once the condition has held for the whole 'for' duration", () => {
    expect(run(rule, [0.1, 0.1, 0.1]).transitions).toEqual([]);
    const { transitions, state } = run(rule, [0.1, 0.1, 0.1, 0.1]);
    expect(transitions).toEqual([[3, "fire"]]);
    expect(state.breachStartedAt).toEqual(at(0));
  });

  it("starts the 'for' over when the condition breaks while pending", () => {
    expect(run(rule, [0.1, 0.1, 0.01, 0.1, 0.1, 0.1]).transitions).toEqual([]);
    expect(run(rule, [0.1, 0.1, 0.01, 0.1, 0.1, 0.1, 0.1]).transitions).toEqual([[6, "fire"]]);
  });

  it("fires at once with for = 0", () => {
    expect(run({ ...rule, forSeconds: 0 }, [0.06]).transitions).toEqual([[0, "fire"]]);
  });

  it("does not flap for a value wobbling around the threshold", () => {
    const wobble = [0.1, 0.1, 0.1, 0.1, ...Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.051 : 0.049))];
    expect(run(rule, wobble).transitions).toEqual([[3, "fire"]]);
    // And a wobble that starts below the threshold never fires.
    expect(
      run(
        rule,
        Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.051 : 0.049)),
      ).transitions,
    ).toEqual([]);
  });

  it("resolves only after the value stays past the margin for the recovery time", () => {
    expect(clearThreshold(rule)).toBeCloseTo(0.045);
    // Four minutes clear ≥ max(for = 180 s, 60 s) → resolves on the fourth clear minute.
    expect(run(rule, [0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01]).transitions).toEqual([[3, "fire"]]);
    expect(run(rule, [0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01]).transitions).toEqual([
      [3, "fire"],
      [7, "resolve"],
    ]);
    // One breaching minute in the middle restarts the recovery.
    expect(run(rule, [0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.1, 0.01, 0.01, 0.01]).transitions).toEqual([
      [3, "fire"],
    ]);
  });

  it("keeps firing through missing data", () => {
    const { transitions, state } = run(rule, [0.1, 0.1, 0.1, 0.1, null, null, null, null, null]);
    expect(transitions).toEqual([[3, "fire"]]);
    expect(state.state).toBe("firing");
  });

  it("handles lower-bound rules (throughput < 10) with the margin above the threshold", () => {
    const low: RuleCondition = { comparator: "<", threshold: 10, forSeconds: 60 };
    expect(clearThreshold(low)).toBe(11);
    expect(run(low, [5, 5, 10.5, 10.5, 10.5]).transitions).toEqual([[1, "fire"]]);
    expect(run(low, [5, 5, 12, 12]).transitions).toEqual([
      [1, "fire"],
      [3, "resolve"],
    ]);
  });
});

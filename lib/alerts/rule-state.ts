import type { Comparator } from "./schemas";

/**
 * The rule evaluator's pure step, from (state, latest value, now) to the next state.
 *
 *   ok       --breaching-->                     pending (since now; fires at once when for = 0)
 *   pending  --breaching for ≥ forSeconds-->    firing  (transition "fire")
 *   pending  --not breaching / no data-->       ok
 *   firing   --clear for ≥ recoverSeconds-->    ok      (transition "resolve")
 *   firing   --anything else-->                 firing  (a breaching value refreshes the alert)
 *
 * Hysteresis: "clear" is stricter than "not breaching". The value must be back past the threshold
 * by HYSTERESIS_FRACTION of it (for `> 0.05`: at most 0.045), continuously for recoverSeconds =
 * max(forSeconds, 60 s). A value wobbling around the threshold therefore neither fires (it never
 * breaches for the whole "for") nor resolves (it never stays clear long enough). No data keeps a
 * firing rule firing: silence is not recovery.
 */
export const HYSTERESIS_FRACTION = 0.1;
export const MIN_RECOVER_SECONDS = 60;

export type RuleCondition = { comparator: Comparator; threshold: number; forSeconds: number };
export type RuleState = {
  state: "ok" | "pending" | "firing";
  stateSince: Date | null;
  breachStartedAt: Date | null;
  clearSince: Date | null;
};
export type RuleStep = RuleState & { transition: "fire" | "resolve" | "refresh" | null };

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

/** The threshold a firing rule's value must get back past before it may resolve. */
export function clearThreshold(rule: RuleCondition): number {
  const margin = Math.abs(rule.threshold) * HYSTERESIS_FRACTION;
  return rule.comparator === ">" || rule.comparator === ">="
    ? rule.threshold - margin
    : rule.threshold + margin;
}

export const isClear = (value: number, rule: RuleCondition) =>
  !compare(value, rule.comparator, clearThreshold(rule));
export const recoverSeconds = (rule: RuleCondition) => Math.max(rule.forSeconds, MIN_RECOVER_SECONDS);

const OK: RuleState = { state: "ok", stateSince: null, breachStartedAt: null, clearSince: null };
const elapsed = (since: Date | null, now: Date) => (since ? (now.getTime() - since.getTime()) / 1000 : 0);

export function stepRule(rule: RuleCondition, current: RuleState, value: number | null, now: Date): RuleStep {
  const breaching = value !== null && compare(value, rule.comparator, rule.threshold);
  if (current.state === "firing") {
    if (value === null) return { ...current, transition: null };
    if (!isClear(value, rule))
      return { ...current, clearSince: null, transition: breaching ? "refresh" : null };
    const clearSince = current.clearSince ?? now;
    if (elapsed(clearSince, now) >= recoverSeconds(rule)) return { ...OK, transition: "resolve" };
    return { ...current, clearSince, transition: null };
  }
  if (!breaching) return { ...OK, transition: null };
  const since = current.state === "pending" && current.stateSince ? current.stateSince : now;
  if (elapsed(since, now) >= rule.forSeconds) {
    return { state: "firing", stateSince: now, breachStartedAt: since, clearSince: null, transition: "fire" };
  }
  return { state: "pending", stateSince: since, breachStartedAt: since, clearSince: null, transition: null };
}

import type { PolicyView, StepTargetInput } from "./schemas";

type Names = { people: Map<string, string>; policies: Map<string, string> };

export function describeTarget(target: StepTargetInput, names: Names): string {
  if (target.type === "user") return names.people.get(target.userId) ?? target.userId;
  if (target.type === "oncall") return `on call for ${target.service}`;
  return `policy ${names.policies.get(target.policyId) ?? target.policyId}`;
}

/** "Priya Natarajan, on call for search-api · 15 min": one line per step, for lists. */
export const describeSteps = (policy: PolicyView, names: Names): string[] =>
  policy.steps.map(
    (step, i) =>
      `${step.targets.map((t) => describeTarget(t, names)).join(", ")}${i < policy.steps.length - 1 || policy.repeat ? ` · ${step.delayMinutes} min` : ""}`,
  );

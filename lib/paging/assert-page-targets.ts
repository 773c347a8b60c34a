import type { Db } from "@/db/client";
import { DomainError } from "@/lib/errors";
import { assertPolicySteps } from "./policy-graph";
import type { StepTargetInput } from "./schemas";

/**
 * The targets of workflows' page actions exist and can be paged, checked like a policy's steps; the
 * errors name the action (`actions.2.target.userId`).
 */
export async function assertPageTargets(
  db: Db,
  actions: { type: string; target?: StepTargetInput }[],
): Promise<void> {
  for (const [i, action] of actions.entries()) {
    if (action.type !== "page" || !action.target) continue;
    try {
      await assertPolicySteps(db, null, [{ delayMinutes: 1, targets: [action.target] }]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new DomainError(error.code, error.message, {
        errors: error.errors.map((e) => ({
          ...e,
          path: e.path.replace(/^steps\.0\.targets\.0/, `actions.${i}.target`),
        })),
      });
    }
  }
}

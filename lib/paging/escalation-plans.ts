import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationPolicies, escalationSteps, type StepTarget } from "@/db/paging-schema";
import type { ServicePagingView } from "./schemas";
import { nextBusinessTime } from "./business-hours";
import type { PageRow } from "./page-log";
import { readServicePaging } from "./service-paging";

const MINUTE = 60_000;
/** How long a page at direct targets waits before it says nobody answered. */
const DIRECT_STEP_MINUTES = 15;

export type EscalationPlan = {
  name: string;
  repeat: number;
  steps: { delayMinutes: number; targets: StepTarget[] }[];
};
type PolicyRow = typeof escalationPolicies.$inferSelect;

/**
 * The steps each page escalates through: its policy's, or the one step of its direct targets; null
 * when its policy was removed. Two statements for any number of pages (none for the policy the caller
 * just read when it is the only one).
 */
export async function escalationPlans(
  tx: Db,
  pages: PageRow[],
  known?: PolicyRow,
): Promise<Map<string, EscalationPlan | null>> {
  const ids = [...new Set(pages.flatMap((p) => (!p.directTargets && p.policyId ? [p.policyId] : [])))];
  const policies =
    ids.length === 0
      ? []
      : ids.length === 1 && known?.id === ids[0]
        ? [known]
        : await tx.select().from(escalationPolicies).where(inArray(escalationPolicies.id, ids));
  const steps = policies.length
    ? await tx
        .select()
        .from(escalationSteps)
        .where(
          inArray(
            escalationSteps.policyId,
            policies.map((p) => p.id),
          ),
        )
        .orderBy(asc(escalationSteps.policyId), asc(escalationSteps.position))
    : [];
  const byPolicy = new Map<string, EscalationPlan>(
    policies.map((policy) => [
      policy.id,
      {
        name: policy.name,
        repeat: policy.repeat,
        steps: steps.filter((s) => s.policyId === policy.id),
      },
    ]),
  );
  return new Map(
    pages.map((page) => [
      page.id,
      page.directTargets
        ? {
            name: "its direct targets",
            repeat: 0,
            steps: [{ delayMinutes: DIRECT_STEP_MINUTES, targets: page.directTargets }],
          }
        : (byPolicy.get(page.policyId ?? "") ?? null),
    ]),
  );
}

/**
 * When a page's next step may run: after the delay; low urgency escalates past step 1 in business
 * hours only. One reader per step run, so a service's settings are read once for all its pages.
 */
export function nextStepTimes(tx: Db) {
  const settings = new Map<string, Promise<ServicePagingView>>();
  return async (page: PageRow, now: Date, delayMinutes: number) => {
    const due = new Date(now.getTime() + delayMinutes * MINUTE);
    if (page.urgency !== "low" || !page.service) return due;
    let read = settings.get(page.service);
    if (!read) settings.set(page.service, (read = readServicePaging(tx, page.service)));
    const service = await read;
    if (!service.lowUrgencyBusinessHoursOnly) return due;
    return nextBusinessTime(due, {
      timeZone: service.timeZone,
      start: service.businessHoursStart,
      end: service.businessHoursEnd,
    });
  };
}

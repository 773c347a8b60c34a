import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationPolicies, pages, type StepTarget } from "@/db/paging-schema";
import { markIncidentPaged } from "@/lib/incidents/record-paging-milestone";
import { logPage, type PageRow } from "./page-log";
import { PAGING_ACTOR, runEscalationStep } from "./run-escalation-step";
import { readServicePaging } from "./service-paging";

export type PageRequest = {
  incidentId?: string | null;
  alertId?: string | null;
  title: string;
  /** The services concerned, in order: the first whose paging names a policy decides, else the default. */
  services: string[];
  /** High urgency for SEV1/SEV2 (per service) and critical alerts. */
  urgencyOf: (settings: { highUrgencySeverities: string[] }) => "high" | "low";
  /** Open it only at high urgency (a severity raised on an incident nobody was paged for). */
  onlyIfUrgent?: boolean;
  /** A workflow's page action names whom to page: a policy, or a rotation or person (one step). */
  policyId?: string;
  directTargets?: StepTarget[];
};

/**
 * Opens the page of an incident or alert when none is open (the partial unique indexes make a second
 * trigger find the first) and runs its first step. Null when no policy applies: nobody to page.
 */
export async function openPage(
  tx: Db,
  request: PageRequest,
  now: Date,
): Promise<{ page: PageRow; opened: boolean } | null> {
  const subject = request.incidentId
    ? eq(pages.incidentId, request.incidentId)
    : eq(pages.alertId, request.alertId ?? "");
  const [open] = await tx
    .select()
    .from(pages)
    .where(and(subject, ne(pages.state, "resolved")));
  if (open) return { page: open, opened: false };
  const candidates = await Promise.all(request.services.map((slug) => readServicePaging(tx, slug)));
  const chosen = candidates.find((c) => c.policyId) ?? candidates.find((c) => c.effectivePolicyId);
  const policyId = request.policyId ?? chosen?.effectivePolicyId;
  // Without a policy of its own (or its service's), the default one pages.
  const [policy] = request.directTargets
    ? []
    : await tx
        .select()
        .from(escalationPolicies)
        .where(policyId ? eq(escalationPolicies.id, policyId) : eq(escalationPolicies.isDefault, true));
  if (!policy && !request.directTargets) return null;
  const urgency = request.urgencyOf(chosen ?? { highUrgencySeverities: ["SEV1", "SEV2"] });
  if (request.onlyIfUrgent && urgency === "low") return null;
  const [page] = await tx
    .insert(pages)
    .values({
      id: `pg_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
      incidentId: request.incidentId ?? null,
      alertId: request.alertId ?? null,
      service: chosen?.service ?? request.services[0] ?? null,
      policyId: policy?.id ?? null,
      directTargets: request.directTargets ?? null,
      title: request.title,
      urgency,
      state: "triggered",
      escalationSeq: 1,
      nextEscalationAt: now,
      ackTimeoutMinutes: policy?.ackTimeoutMinutes ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!page) return null;
  if (page.incidentId) await markIncidentPaged(tx, page.incidentId, now);
  await logPage(
    tx,
    page,
    PAGING_ACTOR,
    {
      kind: "page_triggered",
      message: `Paging ${policy ? `through ${policy.name}` : "directly"} (${urgency} urgency${page.service ? `, ${page.service}` : ""}).`,
      data: { policyId: page.policyId, urgency, service: page.service },
    },
    now,
  );
  // The first step runs in this transaction: the people it reaches are paged by the commit that
  // opens the page, not a queue hop later. Later steps are timers (paging.escalate).
  const current = await runEscalationStep(tx, page, { seq: 1, step: 0, pass: 0 }, now, policy);
  return { page: current, opened: true };
}

import type { Db } from "@/db/client";
import { openPage } from "./open-page";
import type { StepTargetInput } from "./schemas";

export type WorkflowPageRequest = {
  incidentId: string | null;
  alertId: string | null;
  title: string;
  services: string[];
  severity: string | null;
  target: StepTargetInput;
};

/**
 * A workflow's page action: pages through the named policy, or the named rotation or person as one
 * step. An open page of the same incident or alert is reused (one page per subject), so a second
 * workflow on the same event adds nobody twice.
 */
export async function pageFromWorkflow(tx: Db, request: WorkflowPageRequest, now: Date) {
  return openPage(
    tx,
    {
      incidentId: request.incidentId,
      alertId: request.incidentId ? null : request.alertId,
      title: request.title,
      services: request.services,
      // The service's own urgency rule, as for a declared incident; a critical alert is always urgent.
      urgencyOf: (settings) =>
        request.severity === "critical" || settings.highUrgencySeverities.includes(request.severity ?? "")
          ? "high"
          : "low",
      ...(request.target.type === "policy"
        ? { policyId: request.target.policyId }
        : { directTargets: [request.target] }),
    },
    now,
  );
}

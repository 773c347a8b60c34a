import { z } from "zod";
import type { PageRow } from "./page-log";

export const PageView = z.object({
  id: z.string(),
  incidentId: z.string().nullable(),
  alertId: z.string().nullable(),
  service: z.string().nullable(),
  policyId: z.string().nullable(),
  /** Paged at a rotation or person directly (a workflow's page action), not through a policy. */
  direct: z.boolean(),
  title: z.string(),
  urgency: z.enum(["high", "low"]),
  state: z.enum(["triggered", "acknowledged", "resolved"]),
  /** The step (1-based) last run, and the pass through the policy. */
  step: z.number().int(),
  pass: z.number().int(),
  nextEscalationAt: z.date().nullable(),
  createdAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  version: z.number().int(),
});
export type PageView = z.infer<typeof PageView>;

export const toPageView = (row: PageRow): PageView => ({
  id: row.id,
  incidentId: row.incidentId,
  alertId: row.alertId,
  service: row.service,
  policyId: row.policyId,
  direct: row.directTargets !== null,
  title: row.title,
  urgency: row.urgency as PageView["urgency"],
  state: row.state as PageView["state"],
  step: row.step + 1,
  pass: row.pass + 1,
  nextEscalationAt: row.nextEscalationAt,
  createdAt: row.createdAt,
  acknowledgedAt: row.acknowledgedAt,
  acknowledgedBy: row.acknowledgedBy,
  resolvedAt: row.resolvedAt,
  version: row.version,
});

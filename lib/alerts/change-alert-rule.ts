import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertRules } from "@/db/alerts-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError, notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { assertEnvironment, ensureServices } from "@/lib/catalog/references";
import { deleteRuleWorkflow, saveRuleWorkflow } from "@/lib/workflows/save-rule-workflow";
import {
  assertRuleIdShape,
  ruleAuditSnapshot,
  ruleAuditTarget,
  type RuleRow,
  ruleWorkflowSpec,
} from "./alert-rules";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { resolveRuleAlert } from "./evaluate-alert-rules";
import { UpdateAlertRuleInput } from "./schemas";
import { type AlertRuleView, toAlertRuleView } from "./views";
import { runTransaction } from "@/lib/db/run-transaction";

type Options = { now?: Date; expectedVersion?: number };

const CONDITION_FIELDS = [
  "service",
  "environment",
  "metric",
  "comparator",
  "threshold",
  "forSeconds",
] as const;
const RESET = { evalState: "ok", stateSince: null, breachStartedAt: null, clearSince: null } as const;

async function lockRule(tx: Db, id: string, expectedVersion?: number): Promise<RuleRow> {
  assertRuleIdShape(id);
  const [row] = await tx.select().from(alertRules).where(eq(alertRules.id, id)).for("update");
  if (!row) throw notFound(`Alert rule ${id}`);
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new DomainError(
      "precondition_failed",
      `Alert rule ${id} was changed by someone else (you had version ${expectedVersion}, it is now ${row.version}).`,
      {
        extra: { currentVersion: row.version },
      },
    );
  }
  return row;
}

/**
 * Edits a rule. A rule whose condition changes, or that is disabled, starts over: its firing alert
 * (if any) is resolved in the same transaction, because it described a condition that no longer
 * exists; the evaluator decides afresh on its next pass.
 */
export async function updateAlertRule(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: Options = {},
): Promise<AlertRuleView> {
  authorize(actor, "alert-rules.manage");
  const input = parseInput(UpdateAlertRuleInput, rawInput);
  return runTransaction(db, async (tx) => {
    const row = await lockRule(tx, id, options.expectedVersion);
    const next = {
      ...row,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    } as RuleRow;
    if (next.autoCreateIncident && !next.incidentSeverity) {
      throw validationError([
        { path: "incidentSeverity", message: "Choose the severity of the incidents this rule creates." },
      ]);
    }
    if (input.environment) await assertEnvironment(tx, input.environment);
    if (input.service) await ensureServices(tx, [input.service]);
    const now = options.now ?? new Date();
    const restart = CONDITION_FIELDS.some((f) => next[f] !== row[f]) || (row.enabled && !next.enabled);
    if (restart) await resolveRuleAlert(tx, row, now);
    const [updated] = await tx
      .update(alertRules)
      .set({ ...input, ...(restart ? RESET : {}), version: row.version + 1, updatedAt: now })
      .where(eq(alertRules.id, id))
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "alert_rule.updated",
      target: ruleAuditTarget(updated),
      before: ruleAuditSnapshot(row),
      after: ruleAuditSnapshot(updated),
    });
    await saveRuleWorkflow(tx, actor, ruleWorkflowSpec(updated), now);
    return toAlertRuleView(updated);
  });
}

/** Deletes a rule; its firing alert is resolved first, its past alerts stay (rule_id becomes null). */
export async function deleteAlertRule(
  db: Db,
  actor: Actor,
  id: string,
  options: Options = {},
): Promise<void> {
  authorize(actor, "alert-rules.manage");
  await runTransaction(db, async (tx) => {
    const row = await lockRule(tx, id, options.expectedVersion);
    await resolveRuleAlert(tx, row, options.now ?? new Date());
    await deleteRuleWorkflow(tx, actor, row.id);
    await tx.delete(alertRules).where(eq(alertRules.id, id));
    await recordAuditEvent(tx, actor, {
      action: "alert_rule.deleted",
      target: ruleAuditTarget(row),
      before: ruleAuditSnapshot(row),
    });
  });
}

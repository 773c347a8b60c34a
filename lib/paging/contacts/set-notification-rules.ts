import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { contactMethods, notificationRules } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { type FieldError, validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { contactOwner } from "./contact-method-view";
import { readNotificationRules } from "./list-notification-rules";
import { type NotificationRulesView, SetNotificationRulesInput, UrgencyParam } from "./schemas";

const describe = (rules: NotificationRulesView["rules"]) =>
  rules.map((r) => `${r.label} (${r.type}) after ${r.delayMinutes} min`);

/**
 * Replaces the whole list of the caller's rules for one urgency. Every rule must name one of the
 * caller's verified methods (another person's is refused the same as a missing one); an empty
 * list returns the person to the default, every verified method at once.
 */
export async function setNotificationRules(
  db: Db,
  actor: Actor,
  rawUrgency: unknown,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<NotificationRulesView> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  const urgency = parseInput(UrgencyParam, rawUrgency);
  const { rules } = parseInput(SetNotificationRulesInput, rawInput);
  return runTransaction(db, async (tx) => {
    // The person's row, locked: two saves of one list run one after the other, never interleaved.
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).for("update");
    const mine = await tx
      .select({ id: contactMethods.id, label: contactMethods.label, verifiedAt: contactMethods.verifiedAt })
      .from(contactMethods)
      .where(eq(contactMethods.userId, userId));
    const byId = new Map(mine.map((m) => [m.id, m]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const method = byId.get(rule.contactMethodId);
      const path = `rules.${index}.contactMethodId`;
      if (!method) errors.push({ path, message: `Rule ${index + 1}: not one of your contact methods.` });
      else if (!method.verifiedAt)
        errors.push({ path, message: `Rule ${index + 1}: "${method.label}" is not verified yet.` });
      const key = `${rule.contactMethodId}:${rule.delayMinutes}`;
      if (seen.has(key))
        errors.push({ path: `rules.${index}`, message: `Rule ${index + 1} repeats an earlier rule.` });
      seen.add(key);
    });
    if (errors.length) throw validationError(errors, errors[0].message);

    const before = await readNotificationRules(tx, userId, urgency);
    const now = clock(options);
    await tx
      .delete(notificationRules)
      .where(and(eq(notificationRules.userId, userId), eq(notificationRules.urgency, urgency)));
    if (rules.length)
      await tx.insert(notificationRules).values(
        rules.map((rule) => ({
          userId,
          urgency,
          contactMethodId: rule.contactMethodId,
          delayMinutes: rule.delayMinutes,
          createdAt: now,
        })),
      );
    const after = await readNotificationRules(tx, userId, urgency);
    await recordAuditEvent(tx, actor, {
      action: "notification_rules.changed",
      target: { type: "user", id: userId, name: me?.name ?? userId },
      before: { urgency, rules: describe(before.rules) },
      after: { urgency, rules: describe(after.rules) },
    });
    return after;
  });
}

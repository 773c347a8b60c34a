import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods, notificationRules } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { contactOwner } from "./contact-method-view";
import { type NotificationRulesView, UrgencyParam } from "./schemas";

/** A person's rules for one urgency as the engine reads them (schedule-notifications.ts). */
export async function readNotificationRules(
  db: Db,
  userId: string,
  urgency: "high" | "low",
): Promise<NotificationRulesView> {
  const methods = await db
    .select({ id: contactMethods.id, verifiedAt: contactMethods.verifiedAt })
    .from(contactMethods)
    .where(eq(contactMethods.userId, userId))
    .orderBy(asc(contactMethods.createdAt), asc(contactMethods.id));
  const rules = await db
    .select({
      contactMethodId: notificationRules.contactMethodId,
      delayMinutes: notificationRules.delayMinutes,
      type: contactMethods.type,
      label: contactMethods.label,
      verifiedAt: contactMethods.verifiedAt,
    })
    .from(notificationRules)
    .innerJoin(contactMethods, eq(contactMethods.id, notificationRules.contactMethodId))
    .where(and(eq(notificationRules.userId, userId), eq(notificationRules.urgency, urgency)))
    .orderBy(asc(notificationRules.delayMinutes), asc(notificationRules.id));
  const verified = methods.filter((m) => m.verifiedAt !== null);
  // The engine ignores a rule whose method is not verified; with none left it uses the default.
  const usable = rules.filter((r) => r.verifiedAt !== null);
  return {
    urgency,
    rules: rules.map(({ contactMethodId, type, label, delayMinutes }) => ({
      contactMethodId,
      type,
      label,
      delayMinutes,
    })),
    usingDefault: usable.length === 0,
    effective: usable.length
      ? usable.map(({ contactMethodId, delayMinutes }) => ({ contactMethodId, delayMinutes }))
      : verified.map((m) => ({ contactMethodId: m.id, delayMinutes: 0 })),
    hasVerifiedMethod: verified.length > 0,
  };
}

export async function listNotificationRules(
  db: Db,
  actor: Actor,
  rawUrgency: unknown,
): Promise<NotificationRulesView> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  return readNotificationRules(db, userId, parseInput(UrgencyParam, rawUrgency));
}

import * as policies from "@/app/api/escalation-policies/route";
import { getDb } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import { call } from "./harness";

/** A verified work e-mail for the user (id `cm_<userId>`): what paging needs to reach them. */
export const verifiedEmail = async (userId: string, address: string) =>
  (await getDb()).insert(contactMethods).values({
    id: `cm_${userId}`,
    userId,
    type: "email",
    label: "Work mail",
    address,
    verifiedAt: new Date(),
    createdAt: new Date(),
  });

/** The default escalation policy: one step per user, `delayMinutes` apart. */
export const defaultPolicyOf = (name: string, userIds: string[], delayMinutes = 5) =>
  call(policies.POST, "/api/escalation-policies", {
    method: "POST",
    body: {
      name,
      isDefault: true,
      steps: userIds.map((userId) => ({ delayMinutes, targets: [{ type: "user", userId }] })),
    },
  });

import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/audit-schema";
import type { Actor } from "@/lib/actor";

/** The harness's admin (user_abc123) acting from a known address, as a session would carry it. */
export const auditAdmin: Actor = {
  type: "user",
  userId: "user_abc123",
  name: "Alex Chen",
  role: "admin",
  request: { ip: "203.0.113.7", userAgent: "audit-test/1.0" },
};

/** Every audit row, oldest first, minus the token.created rows resetDatabase writes for its tokens. */
export async function auditRows() {
  const rows = await (await getDb()).select().from(auditEvents).orderBy(asc(auditEvents.id));
  return rows.filter((row) => row.actorName !== "test-setup");
}

/** The only row of `action` (fails the test when there is none or more than one). */
export async function onlyEvent(action: string) {
  const rows = (await auditRows()).filter((row) => row.action === action);
  if (rows.length !== 1) throw new Error(`expected one ${action} audit event, found ${rows.length}`);
  return rows[0];
}

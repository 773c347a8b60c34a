import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { services } from "@/db/schema";

/**
 * Who is on call for a service at a time: the seam between workflows and on-call. Today it reads the
 * catalog's single `services.on_call_user_id` (so `at` is not used yet); the on-call rotations
 * (lib/oncall: ordered users, hand-off interval, overrides) replace this body, and every caller —
 * the assign_commander action included — follows without change.
 */
export async function resolveOnCall(db: Db, service: string, at: Date): Promise<string | null> {
  void at;
  const [row] = await db.select({ userId: services.onCallUserId }).from(services).where(eq(services.slug, service));
  return row?.userId ?? null;
}

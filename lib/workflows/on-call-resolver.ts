import type { Db } from "@/db/client";
import { findOnCall } from "@/lib/oncall/load-on-call";

/**
 * Who is on call for a service at a time: the seam between workflows and on-call. The rotation,
 * hand-offs and overrides live in lib/oncall; this only asks it, so the assign_commander action
 * follows the same rules as auto-assignment on declare.
 */
export async function resolveOnCall(db: Db, service: string, at: Date): Promise<string | null> {
  return (await findOnCall(db, service, at))?.userId ?? null;
}

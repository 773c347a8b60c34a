import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { type Actor, type Role } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { normalizeAccount, signInFailuresByAccount } from "@/lib/auth/sign-in-rate-limit";

export type UserView = {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
  /** Failed sign-ins still remembered (last 24 hours), and until when some address is being delayed. */
  signInFailures: number;
  lockedUntil: Date | null;
};

export async function listUsers(db: Db, actor: Actor): Promise<UserView[]> {
  authorize(actor, "users.manage");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .orderBy(asc(users.name));
  const failures = await signInFailuresByAccount(
    db,
    rows.map((row) => row.email),
  );
  return rows.map((row) => {
    const f = failures.get(normalizeAccount(row.email));
    return {
      ...row,
      role: row.role as Role,
      signInFailures: f?.failures ?? 0,
      lockedUntil: f?.lockedUntil ?? null,
    };
  });
}

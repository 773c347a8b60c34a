import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { type Actor, assertRole, type Role } from "@/lib/actor";

export type UserView = { id: string; name: string; email: string; role: Role; createdAt: Date };

export async function listUsers(db: Db, actor: Actor): Promise<UserView[]> {
  assertRole(actor, "admin", "manage users");
  const rows = await db.select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt }).from(users).orderBy(asc(users.name));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

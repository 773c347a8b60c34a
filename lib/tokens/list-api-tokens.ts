import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/core-schema";
import { type Actor, type Role } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import type { ApiTokenView } from "./schemas";

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenView[]> {
  authorize(actor, "tokens.manage");
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      scopes: apiTokens.scopes,
      prefix: apiTokens.prefix,
      createdBy: users.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";

export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "tokens.manage");
  await runTransaction(db, async (tx) => {
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt });
    if (!revoked) throw notFound(`Active API token ${id}`);
    await recordAuditEvent(tx, actor, {
      action: "token.revoked",
      target: { type: "token", id: revoked.id, name: revoked.name },
      before: { revokedAt: null },
      after: { revokedAt: revoked.revokedAt },
    });
  });
}

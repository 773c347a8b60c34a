import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { errorGroups } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import type { ErrorGroupView } from "./schemas";
import { toErrorGroupView } from "./to-view";

export async function getErrorGroup(db: Db, actor: Actor, id: string): Promise<ErrorGroupView> {
  authorize(actor, "errors.read");
  const [row] = id.length <= 200 ? await db.select().from(errorGroups).where(eq(errorGroups.id, id)) : [];
  if (!row) throw notFound(`Error group ${id}`);
  return toErrorGroupView(row);
}

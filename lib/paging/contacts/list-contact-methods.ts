import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { contactOwner, toContactMethodView } from "./contact-method-view";
import type { ContactMethodView } from "./schemas";

/** The signed-in person's contact methods, oldest first (the order the default rule uses them in). */
export async function listContactMethods(db: Db, actor: Actor): Promise<{ items: ContactMethodView[] }> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  const rows = await db
    .select()
    .from(contactMethods)
    .where(eq(contactMethods.userId, userId))
    .orderBy(asc(contactMethods.createdAt), asc(contactMethods.id));
  const now = new Date();
  return { items: rows.map((row) => toContactMethodView(row, now)) };
}

import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, postmortems } from "@/db/postmortems-schema";
import { users } from "@/db/core-schema";
import { selectActionItems } from "@/lib/action-items/list-action-items";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { assertIncidentIdShape } from "@/lib/incidents/lock-incident";
import type { PostmortemRow } from "./generate-postmortem";
import type { PostmortemStatus, PostmortemView } from "./schemas";

export async function toPostmortemView(
  db: Db,
  row: PostmortemRow,
  options: { tz?: string; now?: Date } = {},
): Promise<PostmortemView> {
  const people = row.authors.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, row.authors))
    : [];
  const items = await selectActionItems(db, eq(actionItems.incidentId, row.incidentId), {
    tz: options.tz ?? "UTC",
    now: options.now ?? new Date(),
  });
  return {
    id: row.id,
    incidentId: row.incidentId,
    status: row.status as PostmortemStatus,
    markdown: row.markdown,
    sections: row.sections,
    metricSnapshot: row.metricSnapshot,
    authors: row.authors.map((id) => people.find((p) => p.id === id) ?? { id, name: id }),
    createdBy: row.createdBy,
    publishedAt: row.publishedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    actionItems: items,
  };
}

/** The incident's postmortem, or 404 while there is none. */
export async function getPostmortem(db: Db, actor: Actor, incidentId: string, options: { tz?: string } = {}) {
  authorize(actor, "postmortems.read");
  assertIncidentIdShape(incidentId);
  const [row] = await db.select().from(postmortems).where(eq(postmortems.incidentId, incidentId));
  if (!row) throw notFound(`The postmortem of ${incidentId}`);
  return toPostmortemView(db, row, options);
}

/** The same, or null: for pages that offer to create one. */
export async function findPostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  options: { tz?: string } = {},
) {
  authorize(actor, "postmortems.read");
  assertIncidentIdShape(incidentId);
  const [row] = await db.select().from(postmortems).where(eq(postmortems.incidentId, incidentId));
  return row ? toPostmortemView(db, row, options) : null;
}

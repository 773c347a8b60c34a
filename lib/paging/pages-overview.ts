import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { listPages } from "./list-pages";
import { listPageAssignees, readUserNames } from "./page-people";

/** /pages: the pages of the filter ("mine" first, as listPages orders them) with who was asked and who acknowledged. */
export async function listPagesOverview(db: Db, actor: Actor, rawQuery: unknown) {
  const { items } = await listPages(db, actor, rawQuery);
  const ids = items.map((page) => page.id);
  const [assignees, names] = await Promise.all([
    listPageAssignees(db, actor, ids),
    readUserNames(
      db,
      items.map((page) => page.acknowledgedBy),
    ),
  ]);
  return {
    items: items.map((page) => ({
      ...page,
      assignees: assignees[page.id] ?? [],
      acknowledgedByName: page.acknowledgedBy
        ? (names.get(page.acknowledgedBy) ?? page.acknowledgedBy)
        : null,
    })),
  };
}
export type PageOverviewItem = Awaited<ReturnType<typeof listPagesOverview>>["items"][number];

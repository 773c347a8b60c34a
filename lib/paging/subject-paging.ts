import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { getPage, listPages } from "./list-pages";
import { listPolicies } from "./list-policies";
import { listPageAssignees, readUserNames } from "./page-people";

// An incident re-declared or an alert firing again opens a new page; older ones stay in the list.
const MAX_SHOWN = 3;

export type SubjectPage = Awaited<ReturnType<typeof getSubjectPaging>>["pages"][number];

/**
 * The paging panel of an incident or an alert: its pages, newest first, each with its policy, who was
 * asked, every notification (with the person's name) and the log.
 */
export async function getSubjectPaging(
  db: Db,
  actor: Actor,
  subject: { incidentId: string } | { alertId: string },
) {
  const { items } = await listPages(db, actor, { state: "all", ...subject });
  const shown = [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, MAX_SHOWN);
  if (shown.length === 0) return { pages: [], more: 0 };
  const [details, policies, assignees] = await Promise.all([
    Promise.all(shown.map((page) => getPage(db, actor, page.id))),
    listPolicies(db, actor),
    listPageAssignees(
      db,
      actor,
      shown.map((page) => page.id),
    ),
  ]);
  const names = await readUserNames(db, [
    ...details.map((d) => d.acknowledgedBy),
    ...details.flatMap((d) => d.notifications.map((n) => n.userId)),
  ]);
  const policyName = new Map(policies.items.map((p) => [p.id, p.name]));
  return {
    pages: details.map((page) => ({
      ...page,
      policyName: page.policyId ? (policyName.get(page.policyId) ?? null) : null,
      assignees: assignees[page.id] ?? [],
      acknowledgedByName: page.acknowledgedBy
        ? (names.get(page.acknowledgedBy) ?? page.acknowledgedBy)
        : null,
      notifications: page.notifications.map((n) => ({ ...n, userName: names.get(n.userId) ?? n.userId })),
    })),
    more: items.length - shown.length,
  };
}

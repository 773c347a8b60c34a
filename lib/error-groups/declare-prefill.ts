import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { getErrorGroup } from "./get-error-group";

/** The Declare form's starting values for an incident about an error group. */
export async function declarePrefillFromErrorGroup(db: Db, actor: Actor, errorGroupId: string) {
  const group = await getErrorGroup(db, actor, errorGroupId);
  // The title field takes 200 characters; an error message may be longer.
  const title = group.title.length > 200 ? `${group.title.slice(0, 199)}…` : group.title;
  return {
    title,
    services: [group.service],
    environment: group.environment,
    errorGroupId: group.id,
    errorGroupTitle: group.title,
  };
}

import { canRespond } from "@/lib/permissions";

/**
 * The people a form offers for a duty only a responder or admin may take (incident roles, action item
 * owners, on call, workflow assignees), in the order given; assertAssignees enforces the same rule.
 * `keep`: someone holding the duty now stays listed even if since made a viewer, so the form can show them.
 */
export function respondersOf<T extends { id: string; role: string }>(users: T[], keep?: string | null): T[] {
  return users.filter((user) => canRespond(user) || (keep != null && user.id === keep));
}

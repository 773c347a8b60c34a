import type { Role } from "@/lib/actor";
import { DomainError } from "@/lib/errors";

const ALL = ["viewer", "responder", "admin"] as const satisfies readonly Role[];
const RESPONDERS = ["responder", "admin"] as const satisfies readonly Role[];
const ADMINS = ["admin"] as const satisfies readonly Role[];

/**
 * Who may do what: the one table every use case (authorize) and every page (can) reads, in dub's
 * ROLE_PERMISSIONS shape. `action` is `<resource>.<verb>`; `description` completes "may not …" in a
 * refusal. Later features add their rows here and nothing else.
 */
export const ROLE_PERMISSIONS = [
  { action: "incidents.read", description: "view incidents", roles: ALL },
  { action: "incidents.declare", description: "declare incidents", roles: RESPONDERS },
  { action: "incidents.update", description: "change incidents", roles: RESPONDERS },
  { action: "alerts.read", description: "view alerts", roles: ALL },
  { action: "alerts.send", description: "send alerts", roles: RESPONDERS },
  { action: "alert-rules.manage", description: "change alert rules", roles: RESPONDERS },
  { action: "metrics.send", description: "send service metrics", roles: RESPONDERS },
  { action: "errors.read", description: "view error groups", roles: ALL },
  { action: "errors.report", description: "report errors", roles: RESPONDERS },
  { action: "errors.update", description: "change error groups", roles: RESPONDERS },
  { action: "releases.read", description: "view releases", roles: ALL },
  { action: "releases.record", description: "record releases", roles: RESPONDERS },
  { action: "oncall.read", description: "see who is on call", roles: ALL },
  { action: "oncall.manage", description: "change on-call rotations", roles: RESPONDERS },
  { action: "paging.read", description: "view pages and escalation policies", roles: ALL },
  {
    action: "paging.respond",
    description: "acknowledge, resolve or escalate pages",
    roles: RESPONDERS,
  },
  { action: "escalation-policies.manage", description: "change escalation policies", roles: RESPONDERS },
  {
    action: "contact-methods.manage",
    description: "manage their own contact methods and notification rules",
    roles: RESPONDERS,
  },
  { action: "workflows.read", description: "view workflows", roles: ALL },
  { action: "workflows.manage", description: "change workflows", roles: RESPONDERS },
  { action: "postmortems.read", description: "view postmortems and action items", roles: ALL },
  { action: "postmortems.edit", description: "edit postmortems", roles: RESPONDERS },
  { action: "action-items.manage", description: "change action items", roles: RESPONDERS },
  { action: "settings.read", description: "view settings", roles: ALL },
  { action: "settings.manage", description: "change settings", roles: ADMINS },
  { action: "webhooks.manage", description: "manage webhook subscriptions", roles: ADMINS },
  { action: "tokens.manage", description: "manage API tokens", roles: ADMINS },
  { action: "users.manage", description: "manage users", roles: ADMINS },
  { action: "audit.read", description: "view the audit log", roles: ADMINS },
  { action: "mail.read", description: "read the outgoing mail", roles: ADMINS },
  // The public page itself needs no permission (or only a session): these guard the admin API.
  { action: "status-pages.read", description: "view status pages", roles: ALL },
  {
    action: "status-pages.manage",
    description: "change status pages and publish to them",
    roles: RESPONDERS,
  },
] as const satisfies readonly { action: string; description: string; roles: readonly Role[] }[];

export type Permission = (typeof ROLE_PERMISSIONS)[number]["action"];
export const PERMISSIONS: readonly Permission[] = ROLE_PERMISSIONS.map((row) => row.action);

const byAction = new Map<string, (typeof ROLE_PERMISSIONS)[number]>(
  ROLE_PERMISSIONS.map((row) => [row.action, row]),
);

/**
 * Whether the holder's role grants the permission. Takes anything with a role, so a user row of the
 * catalog can be asked too; an unknown role grants nothing. Pages use it to offer controls; use cases
 * call authorize, so hiding a control is never the only guard.
 */
export function can(holder: { role: string }, permission: Permission): boolean {
  return (byAction.get(permission)?.roles as readonly string[] | undefined)?.includes(holder.role) ?? false;
}

export function authorize(actor: { role: string }, permission: Permission): void {
  if (can(actor, permission)) return;
  // The least role granting it is named, so the reader knows whom to ask.
  const { description, roles } = byAction.get(permission)!;
  throw new DomainError(
    "forbidden",
    `Your role (${actor.role}) may not ${description}; it needs ${roles[0]}.`,
  );
}

/**
 * People who can run an incident: commanders, other incident roles, on-call and action-item owners
 * must be able to change incidents (a viewer assigned would be stuck).
 */
export const canRespond = (user: { role: string }): boolean => can(user, "incidents.update");

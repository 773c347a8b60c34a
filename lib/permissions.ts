import type { Role } from "@/lib/actor";
import { DomainError } from "@/lib/errors";

const ALL = ["viewer", "responder", "admin"] as const satisfies readonly Role[];
const RESPONDERS = ["responder", "admin"] as const satisfies readonly Role[];
const ADMINS = ["admin"] as const satisfies readonly Role[];

/**
 * Who may do what: the one table every use case (authorize) and every page (can) reads, in dub's
 * ROLE_PERMISSIONS shape. `action` is `<resource>.<verb>`; `description` completes "may not …" in a
 * refusal; `scope` is the coarse `<resource>:read|write` an API token may be limited to (decision
 * 0116): reads never share a scope with writes, and sending alerts is a scope of its own so a
 * monitoring system's token can do nothing else. Later features add their rows here and nothing else.
 */
export const ROLE_PERMISSIONS = [
  { action: "incidents.read", scope: "incidents:read", description: "view incidents", roles: ALL },
  {
    action: "incidents.declare",
    scope: "incidents:write",
    description: "declare incidents",
    roles: RESPONDERS,
  },
  {
    action: "incidents.update",
    scope: "incidents:write",
    description: "change incidents",
    roles: RESPONDERS,
  },
  { action: "alerts.read", scope: "alerts:read", description: "view alerts", roles: ALL },
  { action: "alerts.send", scope: "alerts:write", description: "send alerts", roles: RESPONDERS },
  {
    action: "alert-rules.manage",
    scope: "alert-rules:write",
    description: "change alert rules",
    roles: RESPONDERS,
  },
  { action: "metrics.send", scope: "metrics:write", description: "send service metrics", roles: RESPONDERS },
  { action: "errors.read", scope: "errors:read", description: "view error groups", roles: ALL },
  { action: "errors.report", scope: "errors:write", description: "report errors", roles: RESPONDERS },
  { action: "errors.update", scope: "errors:write", description: "change error groups", roles: RESPONDERS },
  { action: "releases.read", scope: "releases:read", description: "view releases", roles: ALL },
  { action: "releases.record", scope: "releases:write", description: "record releases", roles: RESPONDERS },
  { action: "oncall.read", scope: "oncall:read", description: "see who is on call", roles: ALL },
  {
    action: "oncall.manage",
    scope: "oncall:write",
    description: "change on-call rotations",
    roles: RESPONDERS,
  },
  {
    action: "paging.read",
    scope: "paging:read",
    description: "view pages and escalation policies",
    roles: ALL,
  },
  {
    action: "paging.respond",
    scope: "paging:write",
    description: "acknowledge, resolve or escalate pages",
    roles: RESPONDERS,
  },
  {
    action: "escalation-policies.manage",
    scope: "escalation-policies:write",
    description: "change escalation policies",
    roles: RESPONDERS,
  },
  {
    action: "contact-methods.manage",
    scope: "contact-methods:write",
    description: "manage their own contact methods and notification rules",
    roles: RESPONDERS,
  },
  { action: "workflows.read", scope: "workflows:read", description: "view workflows", roles: ALL },
  {
    action: "workflows.manage",
    scope: "workflows:write",
    description: "change workflows",
    roles: RESPONDERS,
  },
  {
    action: "postmortems.read",
    scope: "postmortems:read",
    description: "view postmortems and action items",
    roles: ALL,
  },
  {
    action: "postmortems.edit",
    scope: "postmortems:write",
    description: "edit postmortems",
    roles: RESPONDERS,
  },
  {
    action: "action-items.manage",
    scope: "action-items:write",
    description: "change action items",
    roles: RESPONDERS,
  },
  { action: "settings.read", scope: "settings:read", description: "view settings", roles: ALL },
  { action: "settings.manage", scope: "settings:write", description: "change settings", roles: ADMINS },
  {
    action: "webhooks.manage",
    scope: "webhooks:write",
    description: "manage webhook subscriptions",
    roles: ADMINS,
  },
  { action: "tokens.manage", scope: "tokens:write", description: "manage API tokens", roles: ADMINS },
  { action: "users.manage", scope: "users:write", description: "manage users", roles: ADMINS },
  { action: "audit.read", scope: "audit:read", description: "view the audit log", roles: ADMINS },
  { action: "mail.read", scope: "mail:read", description: "read the outgoing mail", roles: ADMINS },
  // The public page itself needs no permission (or only a session): these guard the admin API.
  { action: "status-pages.read", scope: "status-pages:read", description: "view status pages", roles: ALL },
  {
    action: "status-pages.manage",
    scope: "status-pages:write",
    description: "change status pages and publish to them",
    roles: RESPONDERS,
  },
] as const satisfies readonly {
  action: string;
  scope: `${string}:${"read" | "write"}`;
  description: string;
  roles: readonly Role[];
}[];

export type Permission = (typeof ROLE_PERMISSIONS)[number]["action"];
export type Scope = (typeof ROLE_PERMISSIONS)[number]["scope"];
export const PERMISSIONS: readonly Permission[] = ROLE_PERMISSIONS.map((row) => row.action);
/** Every scope once, in table order. */
export const SCOPES: readonly Scope[] = [...new Set(ROLE_PERMISSIONS.map((row) => row.scope))];

const byAction = new Map<string, (typeof ROLE_PERMISSIONS)[number]>(
  ROLE_PERMISSIONS.map((row) => [row.action, row]),
);

/** Anything that may act: a user row of the catalog has a role; a token actor may also carry scopes. */
type Holder = { role: string; scopes?: readonly string[] | null };

const roleGrants = (role: string, permission: Permission) =>
  (byAction.get(permission)?.roles as readonly string[] | undefined)?.includes(role) ?? false;

// Null or absent: no limit beyond the role (users, automation, tokens made before scopes).
const scopeGrants = (holder: Holder, permission: Permission) =>
  holder.scopes == null || holder.scopes.includes(byAction.get(permission)?.scope ?? "");

/** The roles that can use a scope: those granted at least one of its permissions. */
export function rolesOfScope(scope: string): readonly Role[] {
  const roles = new Set<Role>();
  for (const row of ROLE_PERMISSIONS) if (row.scope === scope) for (const role of row.roles) roles.add(role);
  return [...roles];
}

/** The permissions one scope stands for, e.g. for the token form's hints. */
export const permissionsOfScope = (scope: string) => ROLE_PERMISSIONS.filter((row) => row.scope === scope);

/**
 * Whether the holder may: its role grants the permission and, for a token with scopes, one of them
 * covers it (scope ∩ role). Takes anything with a role, so a user row of the catalog can be asked
 * too; an unknown role grants nothing. Pages use it to offer controls; use cases call authorize, so
 * hiding a control is never the only guard.
 */
export function can(holder: Holder, permission: Permission): boolean {
  return roleGrants(holder.role, permission) && scopeGrants(holder, permission);
}

export function authorize(actor: Holder, permission: Permission): void {
  if (can(actor, permission)) return;
  const { description, roles, scope } = byAction.get(permission)!;
  // The least role granting it is named, so the reader knows whom to ask.
  if (!roleGrants(actor.role, permission))
    throw new DomainError(
      "forbidden",
      `Your role (${actor.role}) may not ${description}; it needs ${roles[0]}.`,
    );
  throw new DomainError(
    "forbidden",
    `This API token may not ${description}: it lacks the scope ${scope} (it has ${actor.scopes?.join(", ") || "none"}).`,
    { extra: { missingScope: scope } },
  );
}

/**
 * People who can run an incident: commanders, other incident roles, on-call and action-item owners
 * must be able to change incidents (a viewer assigned would be stuck).
 */
export const canRespond = (user: { role: string }): boolean => can(user, "incidents.update");

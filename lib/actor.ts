import { DomainError } from "@/lib/errors";

export const ROLES = ["viewer", "responder", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting. Adapters work out the actor (session, API token, the demo seeder, automation);
 * use cases receive it explicitly and check it themselves.
 */
export type Actor =
  | { type: "user"; userId: string; name: string; role: Role }
  | { type: "token"; tokenName: string; role: Role; userId?: string }
  | { type: "system"; name: string; role: Role };

/** The label written on timeline entries and `declaredBy`. */
export function actorLabel(actor: Actor): string {
  if (actor.type === "user") return actor.name;
  if (actor.type === "token") return `token:${actor.tokenName}`;
  return actor.name;
}

/** A stable key for per-principal state such as idempotency keys. */
export function actorKey(actor: Actor): string {
  if (actor.type === "user") return `user:${actor.userId}`;
  if (actor.type === "token") return `token:${actor.tokenName}`;
  return `system:${actor.name}`;
}

export const actorUserId = (actor: Actor): string | null =>
  actor.type === "user" ? actor.userId : actor.type === "token" ? (actor.userId ?? null) : null;

const rank: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/**
 * Whether a role reaches `needed` (admin ⊃ responder ⊃ viewer). Pages, the header and forms ask this to
 * decide what to offer; use cases call assertRole, so hiding a control is never the only guard.
 * Takes anything with a role, so a user row from the catalog can be asked too; an unknown role has none.
 */
export function hasRole(holder: { role: string }, needed: Role): boolean {
  return Object.hasOwn(rank, holder.role) && rank[holder.role as Role] >= rank[needed];
}

export function assertRole(actor: Actor, needed: Role, doing: string): void {
  if (!hasRole(actor, needed)) {
    throw new DomainError("forbidden", `Your role (${actor.role}) may not ${doing}; it needs ${needed}.`);
  }
}

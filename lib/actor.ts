export const ROLES = ["viewer", "responder", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Where a request came from, for the audit log (lib/audit); ip is null unless TRUST_PROXY vouches for it. */
export type RequestInfo = { ip: string | null; userAgent: string | null };

/**
 * Who is acting. Adapters work out the actor (session, API token, the demo seeder, automation);
 * use cases receive it explicitly and check it themselves. `request` is set where the actor was
 * resolved from a request (lib/auth/resolve-actor.ts), absent for automation.
 */
export type Actor = (
  | { type: "user"; userId: string; name: string; role: Role }
  | {
      type: "token";
      tokenName: string;
      tokenId: string;
      role: Role;
      userId?: string;
      /** Null: all its role may do. Otherwise only these scopes' permissions (lib/permissions.ts). */
      scopes: readonly string[] | null;
    }
  | { type: "system"; name: string; role: Role }
) & { request?: RequestInfo };

/** The label written on timeline entries and `declaredBy`. */
export function actorLabel(actor: Actor): string {
  if (actor.type === "user") return actor.name;
  if (actor.type === "token") return `token:${actor.tokenName}`;
  return actor.name;
}

/**
 * A stable key for per-principal state such as idempotency keys. A token is keyed by its id, never
 * its name: a new token given a revoked one's name must not inherit what the old one stored.
 */
export function actorKey(actor: Actor): string {
  if (actor.type === "user") return `user:${actor.userId}`;
  if (actor.type === "token") return `token-id:${actor.tokenId}`;
  return `system:${actor.name}`;
}

export const actorUserId = (actor: Actor): string | null =>
  actor.type === "user" ? actor.userId : actor.type === "token" ? (actor.userId ?? null) : null;

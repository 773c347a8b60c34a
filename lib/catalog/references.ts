import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, services, users } from "@/db/core-schema";
import { canRespond } from "@/lib/permissions";
import { validationError, type FieldError } from "@/lib/errors";

const titleCase = (slug: string) =>
  slug
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

/**
 * A well-formed slug the catalog has not seen yet is registered on first use. Always in slug order:
 * two transactions inserting the same new slugs in opposite orders would each wait for the other's
 * row (a deadlock on PostgreSQL).
 */
export async function ensureServices(tx: Db, slugs: string[]): Promise<void> {
  if (slugs.length === 0) return;
  await tx.insert(services).values(newServiceRows(slugs)).onConflictDoNothing();
}

/** The catalog rows of slugs, if they are new: named after the slug, in slug order. */
export const newServiceRows = (slugs: string[]) =>
  [...new Set(slugs)].sort().map((slug) => ({ slug, name: titleCase(slug) }));

export async function assertEnvironment(tx: Db, slug: string, path = "environment"): Promise<void> {
  const known = await tx.select({ slug: environments.slug }).from(environments);
  if (!known.some((row) => row.slug === slug)) {
    throw validationError([
      { path, message: `Unknown environment "${slug}". Known: ${known.map((row) => row.slug).join(", ")}.` },
    ]);
  }
}

const ROLE_NAMES: Record<string, string> = {
  commanderId: "incident commander",
  technicalLeadId: "technical lead",
  communicatorId: "communicator",
};

/**
 * Checks that every user about to be given an incident role, an action item or an on-call turn exists and
 * may run an incident: a viewer cannot act on the incident, so cannot lead it either (and the on-call
 * becomes the commander of what is declared for the service). `fields` maps a field path to a user id
 * (or null); `duty` words the refusal ("on call"), else the field's incident role does. Returns id → name,
 * like assertUsers.
 */
export async function assertAssignees(
  tx: Db,
  fields: Record<string, string | null | undefined>,
  duty?: string,
): Promise<Map<string, string>> {
  const ids = [...new Set(Object.values(fields).filter((v): v is string => typeof v === "string"))];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(inArray(users.id, ids));
  const found = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  for (const [path, id] of Object.entries(fields)) {
    if (typeof id !== "string") continue;
    const user = found.get(id);
    if (!user) errors.push({ path, message: `No user with id "${id}".` });
    // A disabled account cannot sign in to answer: it takes no new duty (disabling released its old ones).
    else if (user.disabledAt)
      errors.push({
        path,
        message: `${user.name}'s account is disabled; they cannot be ${duty ?? ROLE_NAMES[path] ?? "assigned"}.`,
      });
    else if (!canRespond(user)) {
      errors.push({
        path,
        message: `${user.name} is a ${user.role}; only responders and admins can be ${duty ?? ROLE_NAMES[path] ?? "assigned"}.`,
      });
    }
  }
  if (errors.length) throw validationError(errors);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Checks that every referenced user exists; `fields` maps a field path to a user id (or null).
 * Returns id → name, so timeline entries can record who was meant even if the name changes later.
 */
export async function assertUsers(
  tx: Db,
  fields: Record<string, string | null | undefined>,
): Promise<Map<string, string>> {
  const ids = [...new Set(Object.values(fields).filter((v): v is string => typeof v === "string"))];
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  const found = new Map(rows.map((row) => [row.id, row.name]));
  const errors: FieldError[] = [];
  for (const [path, id] of Object.entries(fields)) {
    if (typeof id === "string" && !found.has(id)) errors.push({ path, message: `No user with id "${id}".` });
  }
  if (errors.length) throw validationError(errors);
  return found;
}

import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { canRespond } from "@/lib/permissions";
import { validationError, type FieldError } from "@/lib/errors";

/**
 * Checks that everyone about to be put on call exists and may run an incident (the on-call becomes the
 * commander of what is declared for the service, and a viewer cannot be). `fields` maps a field path to
 * a user id. Returns id → name.
 */
export async function assertOnCallPeople(
  tx: Db,
  fields: [path: string, userId: string][],
): Promise<Map<string, string>> {
  const ids = [...new Set(fields.map(([, id]) => id))];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.id, ids));
  const found = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  for (const [path, id] of fields) {
    const user = found.get(id);
    if (!user) errors.push({ path, message: `No user with id "${id}".` });
    else if (!canRespond(user))
      errors.push({
        path,
        message: `${user.name} is a ${user.role}; only responders and admins can be on call.`,
      });
  }
  if (errors.length) throw validationError(errors);
  return new Map(rows.map((row) => [row.id, row.name]));
}

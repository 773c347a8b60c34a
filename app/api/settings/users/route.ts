import { apiRoute, json } from "@/lib/http/api-route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listUsers(db, actor) }));

// Secret-bearing: an account's answer is where a generated password is shown once, so a keyed retry
// gets a 409 rather than a stored copy.
export const POST = apiRoute(async ({ actor, db, body }) => {
  const user = await createUser(db, actor, body());
  return json(user, { status: 201, headers: { location: `/api/settings/users/${user.id}` } });
}, { secretBearing: true });

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

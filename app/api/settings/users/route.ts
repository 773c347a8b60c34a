import { apiRoute, json } from "@/lib/http/api-route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listUsers(db, actor) }));

// Secret-bearing: without a `password` in the body one is generated and returned once as `password`,
// so a keyed retry gets a 409 rather than a stored copy.
export const POST = apiRoute(
  async ({ actor, db, body }) => {
    const { generatedPassword, ...user } = await createUser(db, actor, body());
    return json(generatedPassword ? { ...user, password: generatedPassword } : user, {
      status: 201,
      headers: {
        location: `/api/settings/users/${user.id}`,
        ...(generatedPassword ? { "cache-control": "no-store" } : {}),
      },
    });
  },
  { secretBearing: true },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

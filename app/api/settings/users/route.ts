import { apiRoute, json } from "@/lib/http/api-route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listUsers(db, actor) }));

// Without a `password` in the body one is generated and returned once as `password`.
export const POST = apiRoute(async ({ actor, db, body }) => {
  const { generatedPassword, ...user } = await createUser(db, actor, body());
  return json(generatedPassword ? { ...user, password: generatedPassword } : user, {
    status: 201,
    headers: { location: `/api/settings/users/${user.id}`, ...(generatedPassword ? { "cache-control": "no-store" } : {}) },
  });
});

import { apiRoute, json } from "@/lib/http/api-route";
import { changeUserRole } from "@/lib/users/change-user-role";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const PATCH = apiRoute<{ id: string }>(async ({ actor, db, params, body }) =>
  json(await changeUserRole(db, actor, params.id, body())),
);

export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["PATCH"]);

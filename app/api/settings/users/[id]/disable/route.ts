import { apiRoute, json } from "@/lib/http/api-route";
import { disableUser } from "@/lib/users/disable-user";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await disableUser(db, actor, params.id)),
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

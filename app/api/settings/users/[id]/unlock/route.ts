import { apiRoute, json } from "@/lib/http/api-route";
import { unlockUser } from "@/lib/users/unlock-user";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await unlockUser(db, actor, params.id)),
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { changeUserRole } from "@/lib/users/change-user-role";

export const PATCH = apiRoute<{ id: string }>(async ({ actor, db, params, body }) => json(await changeUserRole(db, actor, params.id, body())));

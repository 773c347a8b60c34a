import { apiRoute, json } from "@/lib/http/api-route";
import { disableUser } from "@/lib/users/disable-user";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) => json(await disableUser(db, actor, params.id)));

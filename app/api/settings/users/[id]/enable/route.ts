import { apiRoute, json } from "@/lib/http/api-route";
import { enableUser } from "@/lib/users/enable-user";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) => json(await enableUser(db, actor, params.id)));

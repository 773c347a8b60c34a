import { apiRoute, json } from "@/lib/http/api-route";
import { unlockUser } from "@/lib/users/unlock-user";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) => json(await unlockUser(db, actor, params.id)));

import { getAlert } from "@/lib/alerts/list-alerts";
import { apiRoute, json } from "@/lib/http/api-route";

export const GET = apiRoute<{ id: string }>(async ({ actor, db, params }) => json(await getAlert(db, actor, params.id)));

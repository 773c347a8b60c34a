import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listServices } from "@/lib/oncall/list-services";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listServices(db, actor) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

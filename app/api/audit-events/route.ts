import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(async ({ request, actor, db }) =>
  json(await listAuditEvents(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

import { createAlertRule, listAlertRules } from "@/lib/alerts/alert-rules";
import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const GET = apiRoute(async ({ actor, db }) => json(await listAlertRules(db, actor)));

export const POST = apiRoute(async ({ actor, db, body }) => {
  const rule = await createAlertRule(db, actor, body());
  return json(rule, {
    status: 201,
    headers: { location: `/api/alerts/rules/${rule.id}`, etag: etagFor(rule.version) },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

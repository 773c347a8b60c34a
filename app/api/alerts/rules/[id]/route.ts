import { getAlertRule } from "@/lib/alerts/alert-rules";
import { deleteAlertRule, updateAlertRule } from "@/lib/alerts/change-alert-rule";
import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  const rule = await getAlertRule(db, actor, params.id);
  return json(rule, { headers: { etag: etagFor(rule.version) } });
});

export const PATCH = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const rule = await updateAlertRule(db, actor, params.id, body(), {
    expectedVersion: expectedVersionFrom(request),
  });
  return json(rule, { headers: { etag: etagFor(rule.version) } });
});

export const DELETE = apiRoute<Params>(async ({ request, actor, db, params }) => {
  await deleteAlertRule(db, actor, params.id, { expectedVersion: expectedVersionFrom(request) });
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = methodNotAllowed(["GET", "PATCH", "DELETE"]);

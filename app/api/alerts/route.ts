import { listAlerts } from "@/lib/alerts/list-alerts";
import { receiveNativeAlert } from "@/lib/alerts/receive-alerts";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const POST = apiRoute(async ({ actor, db, body }) => {
  const result = await receiveNativeAlert(db, actor, body());
  const created = result.outcome === "created";
  return json(result, {
    status: created ? 201 : 200,
    headers: created && result.alert ? { location: `/api/alerts/${result.alert.id}` } : {},
  });
});

export const GET = apiRoute(async ({ request, actor, db }) =>
  json(await listAlerts(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

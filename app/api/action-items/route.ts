import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createActionItem } from "@/lib/action-items/create-action-item";
import { listActionItems } from "@/lib/action-items/list-action-items";
import { timeZoneFrom } from "@/lib/action-items/time-zone";

export const POST = apiRoute(async ({ request, actor, db, body }) => {
  const item = await createActionItem(db, actor, body(), { tz: timeZoneFrom(request) });
  return json(item, {
    status: 201,
    headers: { location: `/api/action-items/${item.id}`, etag: etagFor(item.version) },
  });
});

export const GET = apiRoute(async ({ request, actor, db }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return json(await listActionItems(db, actor, { tz: timeZoneFrom(request), ...query }));
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

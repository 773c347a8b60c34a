import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { timeZoneFrom } from "@/lib/action-items/time-zone";
import { updateActionItem } from "@/lib/action-items/update-action-item";

type Params = { id: string };

export const PATCH = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const item = await updateActionItem(db, actor, params.id, body(), {
    expectedVersion: expectedVersionFrom(request),
    tz: timeZoneFrom(request),
  });
  return json(item, { headers: { etag: etagFor(item.version) } });
});

export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["PATCH"]);

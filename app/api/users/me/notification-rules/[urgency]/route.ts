import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listNotificationRules } from "@/lib/paging/contacts/list-notification-rules";
import { setNotificationRules } from "@/lib/paging/contacts/set-notification-rules";

type Params = { urgency: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await listNotificationRules(db, actor, params.urgency)),
);

export const PUT = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await setNotificationRules(db, actor, params.urgency, body())),
);

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getServicePaging, setServicePaging } from "@/lib/paging/service-paging";

type Params = { slug: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await getServicePaging(db, actor, params.slug)),
);

export const PUT = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await setServicePaging(db, actor, params.slug, body())),
);

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);

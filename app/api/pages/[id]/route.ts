import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getPage } from "@/lib/paging/list-pages";

export const GET = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await getPage(db, actor, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listPages } from "@/lib/paging/list-pages";

export const GET = apiRoute(async ({ actor, db, request }) =>
  json(await listPages(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

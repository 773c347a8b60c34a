import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { changePage } from "@/lib/paging/change-page";

export const POST = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json(await changePage(db, actor, params.id, "resolve")),
);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

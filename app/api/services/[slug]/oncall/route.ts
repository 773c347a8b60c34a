import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getOnCall } from "@/lib/oncall/get-on-call";

export const GET = apiRoute<{ slug: string }>(async ({ actor, db, params, request }) =>
  json(await getOnCall(db, actor, params.slug, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

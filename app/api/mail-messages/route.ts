import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listMailbox } from "@/lib/mail/list-mailbox";

export const GET = apiRoute(async ({ request, actor, db }) =>
  json(await listMailbox(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

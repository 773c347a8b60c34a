import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { verifyContactMethod } from "@/lib/paging/contacts/verify-contact-method";

type Params = { id: string };

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await verifyContactMethod(db, actor, params.id, body())),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

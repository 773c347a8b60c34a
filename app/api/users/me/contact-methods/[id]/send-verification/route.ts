import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { sendVerification } from "@/lib/paging/contacts/send-verification";

type Params = { id: string };

export const POST = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await sendVerification(db, actor, params.id), { status: 202 }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

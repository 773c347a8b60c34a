import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getMailMessage } from "@/lib/mail/get-mail-message";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await getMailMessage(db, actor, params.id)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

import { getErrorGroup } from "@/lib/error-groups/get-error-group";
import { updateErrorGroup } from "@/lib/error-groups/update-error-group";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) =>
  json(await getErrorGroup(db, actor, params.id)),
);

export const PATCH = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await updateErrorGroup(db, actor, params.id, body())),
);

export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed(["GET", "PATCH"]);

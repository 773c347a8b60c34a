import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteComponentGroup } from "@/lib/status-pages/delete-component-group";
import { updateComponentGroup } from "@/lib/status-pages/update-component-group";

type Params = { id: string; groupId: string };

export const PATCH = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await updateComponentGroup(db, actor, params.id, params.groupId, body())),
);

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deleteComponentGroup(db, actor, params.id, params.groupId);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, OPTIONS } = methodNotAllowed(["PATCH", "DELETE"]);

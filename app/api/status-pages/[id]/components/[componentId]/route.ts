import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteComponent } from "@/lib/status-pages/delete-component";
import { updateComponent } from "@/lib/status-pages/update-component";

type Params = { id: string; componentId: string };

export const PATCH = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await updateComponent(db, actor, params.id, params.componentId, body())),
);

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deleteComponent(db, actor, params.id, params.componentId);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, OPTIONS } = methodNotAllowed(["PATCH", "DELETE"]);

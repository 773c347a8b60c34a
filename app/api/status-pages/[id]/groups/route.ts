import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createComponentGroup } from "@/lib/status-pages/create-component-group";

type Params = { id: string };

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const group = await createComponentGroup(db, actor, params.id, body());
  return json(group, {
    status: 201,
    headers: { location: `/api/status-pages/${params.id}/groups/${group.id}` },
  });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

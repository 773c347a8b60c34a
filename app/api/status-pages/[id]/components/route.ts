import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createComponent } from "@/lib/status-pages/create-component";

type Params = { id: string };

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const component = await createComponent(db, actor, params.id, body());
  return json(component, {
    status: 201,
    headers: { location: `/api/status-pages/${params.id}/components/${component.id}` },
  });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

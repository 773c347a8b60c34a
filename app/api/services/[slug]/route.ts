import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getService } from "@/lib/oncall/list-services";
import { updateService } from "@/lib/oncall/update-service";

export const GET = apiRoute<{ slug: string }>(async ({ actor, db, params }) =>
  json(await getService(db, actor, params.slug)),
);

// PUT: the whole on-call setup; 201 when the slug was new to the catalog.
export const PUT = apiRoute<{ slug: string }>(async ({ actor, db, params, body }) => {
  const { service, created } = await updateService(db, actor, params.slug, body());
  return json(
    service,
    created ? { status: 201, headers: { location: `/api/services/${service.slug}` } } : {},
  );
});

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createOverride } from "@/lib/oncall/create-override";
import { getService } from "@/lib/oncall/list-services";

export const GET = apiRoute<{ slug: string }>(async ({ actor, db, params }) =>
  json({ items: (await getService(db, actor, params.slug)).overrides }),
);

export const POST = apiRoute<{ slug: string }>(async ({ actor, db, params, body }) => {
  const override = await createOverride(db, actor, params.slug, body());
  return json(override, {
    status: 201,
    headers: { location: `/api/services/${params.slug}/overrides/${override.id}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

import { apiRoute } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteOverride } from "@/lib/oncall/delete-override";

export const DELETE = apiRoute<{ slug: string; id: string }>(async ({ actor, db, params }) => {
  await deleteOverride(db, actor, params.slug, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["DELETE"]);

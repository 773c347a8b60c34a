import { addLink } from "@/lib/incidents/add-link";
import { getIncident } from "@/lib/incidents/get-incident";
import { markLink } from "@/lib/incidents/mark-link";
import { removeLink } from "@/lib/incidents/remove-link";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  const incident = await getIncident(db, actor, params.id);
  return json({ items: incident.links });
});

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const link = await addLink(db, actor, params.id, body());
  return json(link, { status: 201, headers: { location: `/api/dashboard/incidents/${params.id}/links` } });
});

// The link is named by the body ({type, targetId}) or, for clients that cannot send a body with
// DELETE, by the same two query parameters.
export const DELETE = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const search = new URL(request.url).searchParams;
  const target = search.has("type") || search.has("targetId") ? Object.fromEntries(search) : body();
  await removeLink(db, actor, params.id, target);
  return new Response(null, { status: 204 });
});

// Marks a linked release: {type, targetId, role: "suspected_cause" | "fix" | null}.
export const PATCH = apiRoute<Params>(async ({ actor, db, params, body }) =>
  json(await markLink(db, actor, params.id, body())),
);

export const { PUT, OPTIONS } = methodNotAllowed(["GET", "POST", "DELETE", "PATCH"]);

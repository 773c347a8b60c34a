import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deletePolicy } from "@/lib/paging/delete-policy";
import { getPolicy } from "@/lib/paging/list-policies";
import { updatePolicy } from "@/lib/paging/save-policy";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  const policy = await getPolicy(db, actor, params.id);
  return json(policy, { headers: { etag: etagFor(policy.version) } });
});

export const PATCH = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const policy = await updatePolicy(db, actor, params.id, body(), {
    expectedVersion: expectedVersionFrom(request),
  });
  return json(policy, { headers: { etag: etagFor(policy.version) } });
});

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deletePolicy(db, actor, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = methodNotAllowed(["GET", "PATCH", "DELETE"]);

import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listPolicies } from "@/lib/paging/list-policies";
import { createPolicy } from "@/lib/paging/save-policy";

export const GET = apiRoute(async ({ actor, db }) => json(await listPolicies(db, actor)));

export const POST = apiRoute(async ({ actor, db, body }) => {
  const policy = await createPolicy(db, actor, body());
  return json(policy, { status: 201, headers: { location: `/api/escalation-policies/${policy.id}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

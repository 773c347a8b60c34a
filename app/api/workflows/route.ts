import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { listWorkflows } from "@/lib/workflows/get-workflow";

export const GET = apiRoute(async ({ actor, db }) => json({ items: await listWorkflows(db, actor) }));

export const POST = apiRoute(async ({ actor, db, body }) => {
  const workflow = await createWorkflow(db, actor, body());
  return json(workflow, { status: 201, headers: { location: `/api/workflows/${workflow.id}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

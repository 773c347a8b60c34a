import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { getWorkflow } from "@/lib/workflows/get-workflow";
import { updateWorkflow } from "@/lib/workflows/update-workflow";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  const workflow = await getWorkflow(db, actor, params.id);
  return json(workflow, { headers: { etag: etagFor(workflow.version) } });
});

export const PATCH = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const workflow = await updateWorkflow(db, actor, params.id, body(), {
    expectedVersion: expectedVersionFrom(request),
  });
  return json(workflow, { headers: { etag: etagFor(workflow.version) } });
});

export const DELETE = apiRoute<Params>(async ({ actor, db, params }) => {
  await deleteWorkflow(db, actor, params.id);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = methodNotAllowed(["GET", "PATCH", "DELETE"]);

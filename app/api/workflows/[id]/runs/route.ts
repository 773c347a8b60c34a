import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listWorkflowRuns } from "@/lib/workflows/list-workflow-runs";

export const GET = apiRoute<{ id: string }>(async ({ actor, db, params }) =>
  json({ items: await listWorkflowRuns(db, actor, params.id) }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

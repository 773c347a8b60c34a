import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { previewWorkflow } from "@/lib/workflows/preview-workflow";

export const POST = apiRoute(async ({ actor, db, body }) => json(await previewWorkflow(db, actor, body())));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);

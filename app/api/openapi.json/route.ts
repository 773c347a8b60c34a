import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export function GET() {
  return Response.json(buildOpenApiDocument());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

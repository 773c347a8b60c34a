import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";

export function GET() {
  return Response.json(buildOpenApiDocument());
}

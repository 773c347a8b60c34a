import type { Actor } from "@/lib/actor";

/**
 * Who is calling the JSON API. Sign-in and API tokens (issue 3) replace this with the session or
 * bearer token's principal; until then every API caller acts as the "api" integration principal.
 */
export async function resolveApiActor(request: Request): Promise<Actor> {
  void request;
  return { type: "system", name: "api", role: "responder" };
}

import type { Actor } from "@/lib/actor";

/**
 * Who is calling the JSON API. Sign-in and API tokens (issue 3) replace this with the session or
 * bearer token's principal; until then every API caller acts as the "api" integration principal.
 */
export async function resolveApiActor(request: Request): Promise<Actor> {
  void request;
  return { type: "system", name: "api", role: "responder" };
}

/** Who is looking at a dashboard page; replaced by the signed-in user with sign-in (issue 3). */
export async function resolvePageActor(): Promise<Actor> {
  return { type: "system", name: "dashboard", role: "viewer" };
}

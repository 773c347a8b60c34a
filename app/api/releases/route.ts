import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { listReleases } from "@/lib/releases/list-releases";
import { recordRelease } from "@/lib/releases/record-release";

// A version posted again (a retried deploy step) answers 200 with the stored release.
export const POST = apiRoute(async ({ actor, db, body }) => {
  const result = await recordRelease(db, actor, body());
  return json(result.release, { status: result.created ? 201 : 200 });
});

export const GET = apiRoute(async ({ request, actor, db }) =>
  json(await listReleases(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

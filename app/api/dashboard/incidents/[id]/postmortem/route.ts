import { apiRoute, json } from "@/lib/http/api-route";
import { etagFor, expectedVersionFrom } from "@/lib/http/etag";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { timeZoneFrom } from "@/lib/action-items/time-zone";
import { createPostmortem } from "@/lib/postmortems/create-postmortem";
import { exportPostmortem } from "@/lib/postmortems/export-postmortem";
import { fileResponse, readFormat } from "@/lib/http/file-response";
import { getPostmortem } from "@/lib/postmortems/get-postmortem";
import { updatePostmortem } from "@/lib/postmortems/update-postmortem";

type Params = { id: string };
const MARKDOWN = { markdown: "text/markdown" } as const;

export const GET = apiRoute<Params>(async ({ request, actor, db, params }) => {
  if (readFormat(request, MARKDOWN).format === "markdown") {
    const { filename, text } = await exportPostmortem(db, actor, params.id, { tz: timeZoneFrom(request) });
    return fileResponse(text, "text/markdown", filename);
  }
  const postmortem = await getPostmortem(db, actor, params.id, { tz: timeZoneFrom(request) });
  return json(postmortem, { headers: { etag: etagFor(postmortem.version) } });
});

export const PUT = apiRoute<Params>(async ({ request, actor, db, params, body }) => {
  const postmortem = await updatePostmortem(db, actor, params.id, body(), {
    expectedVersion: expectedVersionFrom(request),
  });
  return json(postmortem, { headers: { etag: etagFor(postmortem.version) } });
});

export const POST = apiRoute<Params>(async ({ actor, db, params }) => {
  const postmortem = await createPostmortem(db, actor, params.id);
  return json(postmortem, {
    status: 201,
    headers: {
      location: `/api/dashboard/incidents/${params.id}/postmortem`,
      etag: etagFor(postmortem.version),
    },
  });
});

export const { PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT", "POST"]);

import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, db, params }) => {
  return json({ items: await listTimeline(db, actor, params.id) });
});

export const POST = apiRoute<Params>(async ({ actor, db, params, body }) => {
  const entry = await addTimelineEntry(db, actor, params.id, body());
  return json(entry, {
    status: 201,
    headers: { location: `/api/dashboard/incidents/${params.id}/timeline#${entry.id}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);

import { apiRoute } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { streamIncidentEvents } from "@/lib/live/stream-incident-events";

type Params = { id: string };

// Server-Sent Events of one incident's changes (docs/live.md).
export const GET = apiRoute<Params>(async ({ actor, db, params, request }) =>
  streamIncidentEvents(db, actor, params.id, request),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

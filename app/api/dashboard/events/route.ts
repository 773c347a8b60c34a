import { apiRoute } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { streamAllEvents } from "@/lib/live/stream-all-events";

// Server-Sent Events of every incident's changes (docs/live.md).
export const GET = apiRoute(async ({ actor, db, request }) => streamAllEvents(db, actor, request));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);

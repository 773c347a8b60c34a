import { EVENT_AGGREGATES } from "@/lib/live/stream-all-events";
import type { PathHelpers } from "./path-helpers";

const resumeParameters = [
  {
    name: "Last-Event-ID",
    in: "header",
    required: false,
    schema: { type: "string", pattern: "^\\d+$" },
    description:
      "Resume after this event id: what was missed is replayed from the event log first (browsers send it on reconnect).",
  },
  {
    name: "lastEventId",
    in: "query",
    required: false,
    schema: { type: "string", pattern: "^\\d+$" },
    description: "The same, for clients that cannot set headers; the header wins.",
  },
];

const stream = (what: string) => ({
  description:
    `${what}. Each message: \`id: <event id>\`, \`event: <type>\`, \`data: {id, type, incidentId, subjectId, actor, at, data}\` where \`data.data\` is the changed data ` +
    "(a timeline entry's kind, message and timelineEntryId; from/to of a status, severity or role change; the link; `incidentVersion` after the change). " +
    "A `retry:` hint first, a `: heartbeat` comment every 15 s. Ids go up; an event whose transaction committed long after later ones is sent late, followed by an id-only line restoring the resume point (docs/live.md).",
  headers: {
    "Cache-Control": { schema: { type: "string", const: "no-cache, no-transform" } },
    "X-Accel-Buffering": { schema: { type: "string", const: "no" } },
  },
  content: { "text/event-stream": { schema: { type: "string" } } },
});

/** The live (Server-Sent Events) part of /api/openapi.json. */
export function livePaths({ problems, idParam }: PathHelpers) {
  return {
    "/api/dashboard/incidents/{id}/events": {
      parameters: [idParam],
      get: {
        summary:
          "Server-Sent Events of one incident's changes (timeline entries, status, severity, people, links); 404 before the stream for an unknown incident",
        parameters: resumeParameters,
        responses: { "200": stream("The incident's events"), ...problems(404, 422, 503) },
      },
    },
    "/api/dashboard/events": {
      get: {
        summary: "Server-Sent Events of every incident's changes (and other domain events), for list pages",
        parameters: [
          ...resumeParameters,
          {
            name: "types",
            in: "query",
            required: false,
            schema: { type: "string" },
            description: `Comma-separated event groups to keep: ${EVENT_AGGREGATES.join(", ")} (default: all).`,
          },
        ],
        responses: { "200": stream("Every incident's events"), ...problems(422, 503) },
      },
    },
  };
}

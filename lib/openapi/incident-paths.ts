import { MetricsQuery } from "@/lib/metrics/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

// The incident routes of the document: declare, list (JSON or CSV), read, change, timeline, links,
// metrics and the telemetry ingest, with the answers every group words the same way (PathHelpers).

const formatParam = {
  name: "format",
  in: "query",
  schema: { type: "string", enum: ["json", "csv"] },
  description:
    "csv: a text/csv download (also chosen by Accept: text/csv); the list's has every matching row (≤ 10,000), not a page.",
};
const csvContent = { "text/csv": { schema: { type: "string" } } };

export function incidentPaths({
  ref,
  body,
  jsonAnswer,
  problems,
  idempotencyHeader,
  queryParameters,
  idParam,
}: PathHelpers) {
  return {
    "/api/dashboard/incidents": {
      post: {
        summary: "Declare an incident",
        parameters: [idempotencyHeader],
        requestBody: body("DeclareIncidentInput"),
        responses: {
          "201": jsonAnswer("Declared", "Incident", {
            Location: { schema: { type: "string" } },
            ETag: { schema: { type: "string" } },
          }),
          ...problems(400, 409, 413, 415, 422),
        },
      },
      get: {
        summary: "List incidents, newest first (keyset pagination)",
        parameters: [...queryParameters(), formatParam],
        responses: {
          "200": (({ content, ...answer }) => ({
            ...answer,
            content: { ...(content as Json), ...csvContent },
          }))(jsonAnswer("A page of incidents (JSON), or every matching incident (CSV)", "IncidentPage")),
          ...problems(422),
        },
      },
    },
    "/api/dashboard/incidents/{id}": {
      parameters: [idParam],
      get: {
        summary: "Get an incident",
        responses: {
          "200": jsonAnswer("The incident", "Incident", { ETag: { schema: { type: "string" } } }),
          ...problems(404),
        },
      },
      patch: {
        summary: "Change an incident (status, severity, roles, services, details)",
        parameters: [{ name: "If-Match", in: "header", required: false, schema: { type: "string" } }],
        requestBody: body("UpdateIncidentInput"),
        responses: {
          "200": jsonAnswer("The changed incident", "Incident"),
          ...problems(400, 404, 412, 413, 415, 422),
        },
      },
    },
    "/api/dashboard/incidents/{id}/timeline": {
      parameters: [idParam],
      get: {
        summary: "The incident's timeline, oldest first",
        responses: {
          "200": {
            description: "Entries",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { items: { type: "array", items: ref("TimelineEntry") } },
                },
              },
            },
          },
          ...problems(404),
        },
      },
      post: {
        summary: "Post a manual update (Markdown)",
        parameters: [idempotencyHeader],
        requestBody: body("AddTimelineEntryInput"),
        responses: {
          "201": jsonAnswer("The entry", "TimelineEntry"),
          ...problems(400, 404, 413, 415, 422),
        },
      },
    },
    "/api/dashboard/incidents/{id}/links": {
      parameters: [idParam],
      get: {
        summary: "Linked alerts, error groups, traces and releases",
        responses: {
          "200": {
            description: "Links",
            content: {
              "application/json": {
                schema: { type: "object", properties: { items: { type: "array", items: ref("Link") } } },
              },
            },
          },
          ...problems(404),
        },
      },
      post: {
        summary: "Link an alert, error group, trace or release",
        parameters: [idempotencyHeader],
        requestBody: body("LinkInput"),
        responses: { "201": jsonAnswer("The link", "Link"), ...problems(400, 404, 409, 413, 415, 422) },
      },
      patch: {
        summary:
          "Mark a linked release as the suspected cause or the fix (role null clears it); writes a link_marked timeline entry",
        requestBody: body("MarkLinkInput"),
        responses: { "200": jsonAnswer("The link", "Link"), ...problems(400, 404, 413, 415, 422) },
      },
      delete: {
        summary: "Remove a link (body or ?type=&targetId=)",
        requestBody: { ...body("LinkInput"), required: false },
        responses: { "204": { description: "Removed" }, ...problems(400, 404, 422) },
      },
    },
    "/api/dashboard/incidents/metrics": {
      get: {
        summary:
          "MTTD, MTTA (to the first acknowledgement when paged, else to investigating), MTTI, MTTM, MTTR (mean, p50, p90, change against the previous period), frequency by severity, top services",
        parameters: [
          ...queryParameters(MetricsQuery.shape),
          formatParam,
          {
            name: "table",
            in: "query",
            schema: { type: "string", enum: ["times", "frequency", "services"], default: "times" },
            description: "With format=csv: which table the file holds.",
          },
        ],
        responses: {
          "200": {
            description: "Aggregates computed by PostgreSQL; times in seconds",
            content: { "application/json": { schema: { type: "object" } }, ...csvContent },
          },
          ...problems(422),
        },
      },
    },
    "/api/ingest/metrics": {
      post: {
        summary:
          "Send 1-minute service health points (API token with role responder); all or nothing, idempotent per service, environment and minute",
        requestBody: body("IngestMetricsInput"),
        responses: {
          "200": {
            description: "Stored",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    accepted: { type: "integer" },
                    written: { type: "integer" },
                    unchanged: { type: "integer" },
                  },
                },
              },
            },
          },
          ...problems(400, 413, 415, 422),
        },
      },
    },
  };
}

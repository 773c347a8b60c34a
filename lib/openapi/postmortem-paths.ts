import { ListActionItemsQuery } from "@/lib/action-items/schemas";
import type { PathHelpers } from "./path-helpers";

/** The postmortems and action items part of /api/openapi.json. */
export function postmortemPaths({
  body,
  jsonAnswer,
  problems,
  idempotencyHeader,
  queryParameters,
  idParam,
}: PathHelpers) {
  return {
    "/api/dashboard/incidents/{id}/postmortem": {
      parameters: [idParam],
      get: {
        summary: "The incident's postmortem with its action items (404 before there is one)",
        parameters: [
          ...queryParameters({ tz: ListActionItemsQuery.shape.tz }),
          {
            name: "format",
            in: "query",
            schema: { type: "string", enum: ["json", "markdown"] },
            description:
              "markdown (or Accept: text/markdown): the document as one Markdown file to download.",
          },
        ],
        responses: {
          "200": {
            description: "The postmortem (JSON), or its Markdown document",
            headers: { ETag: { schema: { type: "string" } } },
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/Postmortem" } },
              "text/markdown": { schema: { type: "string" } },
            },
          },
          ...problems(404, 422),
        },
      },
      put: {
        summary: "Edit sections, authors or status (draft → in_review → published); published is read-only",
        parameters: [{ name: "If-Match", in: "header", required: false, schema: { type: "string" } }],
        requestBody: body("UpdatePostmortemInput"),
        responses: {
          "200": jsonAnswer("The postmortem", "Postmortem"),
          ...problems(400, 404, 409, 412, 413, 415, 422),
        },
      },
      post: {
        summary: "Create the postmortem by hand (for severities not generated automatically)",
        parameters: [idempotencyHeader],
        responses: { "201": jsonAnswer("The generated postmortem", "Postmortem"), ...problems(404, 409) },
      },
    },
    "/api/action-items": {
      post: {
        summary: "Create an action item on an incident (written to its timeline)",
        parameters: [idempotencyHeader],
        requestBody: body("CreateActionItemInput"),
        responses: {
          "201": jsonAnswer("The action item", "ActionItem"),
          ...problems(400, 404, 413, 415, 422),
        },
      },
      get: {
        summary:
          "Action items across incidents, newest first, with counts; overdue in the viewer's time zone (tz)",
        parameters: queryParameters(ListActionItemsQuery.shape),
        responses: { "200": jsonAnswer("A page of action items", "ActionItemPage"), ...problems(422) },
      },
    },
    "/api/action-items/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      patch: {
        summary:
          "Change an action item (status open → in_progress → done | wont_do); written to the timeline",
        parameters: [{ name: "If-Match", in: "header", required: false, schema: { type: "string" } }],
        requestBody: body("UpdateActionItemInput"),
        responses: {
          "200": jsonAnswer("The action item", "ActionItem"),
          ...problems(400, 404, 409, 412, 413, 415, 422),
        },
      },
    },
    "/api/settings/postmortems": {
      get: {
        summary: "Which severities get a postmortem automatically on resolution",
        responses: { "200": jsonAnswer("The setting", "PostmortemSettings"), ...problems() },
      },
      put: {
        summary: "Change which severities get a postmortem automatically (admin)",
        requestBody: body("UpdatePostmortemSettingsInput"),
        responses: {
          "200": jsonAnswer("The setting", "PostmortemSettings"),
          ...problems(400, 413, 415, 422),
        },
      },
    },
  };
}

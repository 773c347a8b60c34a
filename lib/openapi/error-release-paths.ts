import { ListErrorGroupsQuery } from "@/lib/error-groups/schemas";
import { ListReleasesQuery } from "@/lib/releases/schemas";
import type { PathHelpers } from "./path-helpers";

/** The error groups and releases part of /api/openapi.json. */
export function errorReleasePaths({
  ref,
  body,
  jsonAnswer,
  problems,
  idempotencyHeader,
  queryParameters,
}: PathHelpers) {
  return {
    "/api/errors": {
      post: {
        summary:
          "Report error occurrences (responder); upserts one group per service, environment and fingerprint, concurrency-safe",
        parameters: [idempotencyHeader],
        requestBody: body("IngestErrorsInput"),
        responses: {
          "201": {
            description:
              "One occurrence: `{group, created: true}`; a batch that created a group: `{items: [{group, created}]}`",
            content: { "application/json": { schema: { type: "object" } } },
          },
          "200": {
            description: "The group(s) existed; counts added",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { group: ref("ErrorGroup"), created: { type: "boolean" } },
                },
              },
            },
          },
          ...problems(400, 413, 415, 422),
        },
      },
      get: {
        summary:
          "Error groups, most recently seen (sort=last_seen) or most frequent (sort=count) first; keyset pages",
        parameters: queryParameters(ListErrorGroupsQuery.shape),
        responses: {
          "200": {
            description: "A page",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    items: { type: "array", items: ref("ErrorGroupListItem") },
                    nextCursor: { type: ["string", "null"] },
                  },
                },
              },
            },
          },
          ...problems(422),
        },
      },
    },
    "/api/errors/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        summary: "One error group",
        responses: { "200": jsonAnswer("The group", "ErrorGroup"), ...problems(404) },
      },
      patch: {
        summary:
          "Resolve, ignore or reopen an error group (responder); a resolved group that recurs is unresolved again",
        requestBody: body("UpdateErrorGroupInput"),
        responses: { "200": jsonAnswer("The group", "ErrorGroup"), ...problems(400, 404, 413, 415, 422) },
      },
    },
    "/api/releases": {
      post: {
        summary:
          "Record a deployment (responder); the same service, environment and version again answers 200 with the stored release",
        parameters: [idempotencyHeader],
        requestBody: body("RecordReleaseInput"),
        responses: {
          "201": jsonAnswer("The release", "Release"),
          "200": jsonAnswer("Already recorded", "Release"),
          ...problems(400, 413, 415, 422),
        },
      },
      get: {
        summary: "Releases, newest deployment first; keyset pages",
        parameters: queryParameters(ListReleasesQuery.shape),
        responses: {
          "200": {
            description: "A page",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    items: { type: "array", items: ref("Release") },
                    nextCursor: { type: ["string", "null"] },
                  },
                },
              },
            },
          },
          ...problems(422),
        },
      },
    },
  };
}

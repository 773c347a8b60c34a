import type { PathHelpers } from "./path-helpers";

/** The services and on-call part of /api/openapi.json. */
export function oncallPaths({ ref, body, jsonAnswer, problems, idempotencyHeader, slugParam }: PathHelpers) {
  return {
    "/api/services": {
      get: {
        summary: "Services with owner team, rotation, overrides, and who is on call now and next",
        responses: { "200": jsonAnswer("The services", "ServiceList"), ...problems() },
      },
    },
    "/api/services/{slug}": {
      parameters: [slugParam],
      get: {
        summary: "One service's on-call setup",
        responses: { "200": jsonAnswer("The service", "Service"), ...problems(404) },
      },
      put: {
        summary:
          "Replace the owner team and on-call rotation (responder); an unknown well-formed slug is added to the catalog (201)",
        requestBody: body("UpdateServiceInput"),
        responses: {
          "200": jsonAnswer("The service", "Service"),
          "201": jsonAnswer("The new service", "Service", { Location: { schema: { type: "string" } } }),
          ...problems(400, 404, 413, 415, 422),
        },
      },
    },
    "/api/services/{slug}/oncall": {
      parameters: [slugParam],
      get: {
        summary: "Who is on call at a time (default now); userId null when nobody is",
        parameters: [
          { name: "at", in: "query", required: false, schema: { type: "string", format: "date-time" } },
        ],
        responses: { "200": jsonAnswer("The on-call person", "OnCall"), ...problems(404, 422) },
      },
    },
    "/api/services/{slug}/overrides": {
      parameters: [slugParam],
      get: {
        summary: "Current and upcoming overrides, soonest first",
        responses: {
          "200": {
            description: "Overrides",
            content: {
              "application/json": {
                schema: { type: "object", properties: { items: { type: "array", items: ref("Override") } } },
              },
            },
          },
          ...problems(404),
        },
      },
      post: {
        summary:
          "Someone covers the service over [startsAt, endsAt) (responder); the newest override wins where several overlap",
        parameters: [idempotencyHeader],
        requestBody: body("CreateOverrideInput"),
        responses: {
          "201": jsonAnswer("The override", "Override", { Location: { schema: { type: "string" } } }),
          ...problems(400, 404, 409, 413, 415, 422),
        },
      },
    },
    "/api/services/{slug}/overrides/{id}": {
      parameters: [slugParam, { name: "id", in: "path", required: true, schema: { type: "string" } }],
      delete: {
        summary: "Remove an override (responder)",
        responses: { "204": { description: "Removed" }, ...problems(404) },
      },
    },
  };
}

import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

/** API tokens and users (admin) in /api/openapi.json. */
export function settingsPaths({ ref, body, jsonAnswer, problems }: PathHelpers): Json {
  return {
    "/api/settings/tokens": {
      get: {
        summary: "API tokens (admin)",
        responses: {
          "200": {
            description: "Tokens, without secrets",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { items: { type: "array", items: ref("ApiToken") } },
                },
              },
            },
          },
          ...problems(401, 403),
        },
      },
      post: {
        summary: "Create an API token (admin); the answer is the only time the secret is shown",
        description:
          "`scopes` limits the token to those scopes' permissions (and its role's); null or absent: everything its role may. An unknown scope, one the role cannot use, or an empty list is 422. A scoped token refused outside its scopes gets 403 with `missingScope`.",
        requestBody: body("CreateApiTokenInput"),
        responses: {
          "201": {
            description: "The token and its secret",
            content: {
              "application/json": {
                schema: {
                  allOf: [ref("ApiToken"), { type: "object", properties: { secret: { type: "string" } } }],
                },
              },
            },
          },
          ...problems(401, 403, 409, 422),
        },
      },
    },
    "/api/settings/tokens/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      delete: {
        summary: "Revoke an API token (admin)",
        responses: { "204": { description: "Revoked" }, ...problems(401, 403, 404) },
      },
    },
    "/api/settings/users": {
      get: {
        summary: "Users (admin)",
        responses: {
          "200": {
            description: "Users",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { items: { type: "array", items: ref("UserListItem") } },
                },
              },
            },
          },
          ...problems(401, 403),
        },
      },
      post: {
        summary:
          "Add a user who signs in with email and password (admin); without `password` a strong one is generated",
        requestBody: body("CreateUserInput"),
        responses: {
          "201": jsonAnswer(
            "The user; `password` only when it was generated (shown this once, never a chosen one)",
            "User",
            { Location: { schema: { type: "string" } } },
          ),
          ...problems(409, 422),
        },
      },
    },
    "/api/settings/users/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      patch: {
        summary: "Change a user's role (admin; the last admin stays admin)",
        requestBody: body("ChangeUserRoleInput"),
        responses: { "200": jsonAnswer("The user", "User"), ...problems(404, 409, 422) },
      },
    },
    "/api/settings/users/{id}/disable": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      post: {
        summary:
          "Disable a user (admin): their sessions end, they cannot sign in, and the API tokens they created are refused until re-enabled; never yourself nor the last active admin",
        responses: { "200": { description: "The user, with disabledAt" }, ...problems(404, 409) },
      },
    },
    "/api/settings/users/{id}/enable": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      post: {
        summary: "Re-enable a disabled user (admin)",
        responses: { "200": { description: "The user, disabledAt null" }, ...problems(404) },
      },
    },
    "/api/settings/users/{id}/unlock": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      post: {
        summary: "Clear a user's failed sign-ins from every address, ending any sign-in delay (admin)",
        responses: { "200": { description: "`{ id, email, clearedFailures }`" }, ...problems(404) },
      },
    },
  };
}

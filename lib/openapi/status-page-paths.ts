import type { z } from "zod";
import {
  ComponentGroupInput,
  ComponentView,
  CreateComponentInput,
  CreateStatusPageInput,
  GroupView,
  PostPublicUpdateInput,
  PublicIncidentView,
  PublishPublicIncidentInput,
  ReorderInput,
  StatusPageView,
  UpdateComponentInput,
  UpdateStatusPageInput,
} from "@/lib/status-pages/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

const param = (name: string, example: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", example },
});
const pageId = param("id", "sp_4f1c…");
const manage = " (responders and admins)";
const list = (description: string, item: Json) => ({
  description,
  content: {
    "application/json": { schema: { type: "object", properties: { items: { type: "array", items: item } } } },
  },
});

/** The /api/status-pages paths and the public /status routes (docs/status-pages.md). */
export function statusPagePaths({ body, jsonAnswer, problems, idempotencyHeader }: PathHelpers): Json {
  const created = (what: string, name: string) =>
    jsonAnswer(`Created ${what}`, name, { Location: { schema: { type: "string" } } });
  return {
    "/api/status-pages": {
      get: {
        summary: "Status pages",
        responses: { "200": list("Pages", { type: "object" }), ...problems() },
      },
      post: {
        summary: `Create a status page${manage}, served at /status/<slug>`,
        parameters: [idempotencyHeader],
        requestBody: body("CreateStatusPageInput"),
        responses: { "201": created("page", "StatusPage"), ...problems(400, 409, 413, 415, 422) },
      },
    },
    "/api/status-pages/{id}": {
      parameters: [pageId],
      get: {
        summary: "A status page with its groups and components (in display order) and its headline",
        responses: { "200": jsonAnswer("The page", "StatusPage"), ...problems(404) },
      },
      patch: {
        summary: `Change name, slug, logoUrl, timeZone, isDefault or visibility${manage}`,
        requestBody: body("UpdateStatusPageInput"),
        responses: { "200": jsonAnswer("The page", "StatusPage"), ...problems(400, 404, 409, 413, 415, 422) },
      },
    },
    "/api/status-pages/{id}/order": {
      parameters: [pageId],
      put: {
        summary: `Reorder the page's groups and/or components${manage}: each list names every one exactly once`,
        requestBody: body("ReorderStatusPageInput"),
        responses: { "200": jsonAnswer("The page", "StatusPage"), ...problems(400, 404, 413, 415, 422) },
      },
    },
    "/api/status-pages/{id}/components": {
      parameters: [pageId],
      post: {
        summary: `Add a component${manage}, mapped to catalog services, last in the order`,
        parameters: [idempotencyHeader],
        requestBody: body("CreateStatusComponentInput"),
        responses: {
          "201": created("component", "StatusComponent"),
          ...problems(400, 404, 409, 413, 415, 422),
        },
      },
    },
    "/api/status-pages/{id}/components/{componentId}": {
      parameters: [pageId, param("componentId", "spc_9a2e…")],
      patch: {
        summary: `Change a component${manage}; a status set here stands until a public incident's update names the component`,
        requestBody: body("UpdateStatusComponentInput"),
        responses: {
          "200": jsonAnswer("The component", "StatusComponent"),
          ...problems(400, 404, 413, 415, 422),
        },
      },
      delete: {
        summary: `Delete a component and its impact history${manage}`,
        responses: { "204": { description: "Deleted" }, ...problems(404) },
      },
    },
    "/api/status-pages/{id}/subscribers": {
      parameters: [pageId],
      get: {
        summary: `The page's subscribers (email, then webhook and chat), oldest first, with counts by state${manage}`,
        parameters: [
          {
            name: "format",
            in: "query",
            schema: { type: "string", enum: ["json", "csv"] },
            description: "csv (or Accept: text/csv): every subscriber as a CSV download.",
          },
        ],
        responses: {
          "200": {
            description:
              "{subscribers: [{id, type (email|webhook|slack|teams|mattermost|discord), email (null unless email), address (a URL's origin only), status, components (names; null: all), createdAt, confirmedAt, unsubscribedAt}], counts}",
            content: {
              "application/json": { schema: { type: "object" } },
              "text/csv": { schema: { type: "string" } },
            },
          },
          ...problems(404, 422),
        },
      },
    },
    "/api/status-pages/{id}/groups": {
      parameters: [pageId],
      post: {
        summary: `Add a component group${manage}`,
        parameters: [idempotencyHeader],
        requestBody: body("StatusGroupInput"),
        responses: { "201": created("group", "StatusGroup"), ...problems(400, 404, 409, 413, 415, 422) },
      },
    },
    "/api/status-pages/{id}/groups/{groupId}": {
      parameters: [pageId, param("groupId", "spg_1b7d…")],
      patch: {
        summary: `Rename a group${manage}`,
        requestBody: body("StatusGroupInput"),
        responses: { "200": jsonAnswer("The group", "StatusGroup"), ...problems(400, 404, 413, 415, 422) },
      },
      delete: {
        summary: `Delete a group${manage}; its components stay, ungrouped`,
        responses: { "204": { description: "Deleted" }, ...problems(404) },
      },
    },
    "/api/status-pages/{id}/incidents": {
      parameters: [pageId],
      get: {
        summary: "The page's public incidents, newest first (at most 100)",
        responses: { "200": list("Public incidents", { type: "object" }), ...problems(404) },
      },
      post: {
        summary: `Publish a public incident with its first update${manage}; linked to an internal incident, its timeline records it`,
        parameters: [idempotencyHeader],
        requestBody: body("PublishPublicIncidentInput"),
        responses: {
          "201": created("public incident", "PublicIncident"),
          ...problems(400, 404, 409, 413, 415, 422),
        },
      },
    },
    "/api/status-pages/{id}/incidents/{incidentId}": {
      parameters: [pageId, param("incidentId", "pi_03c8…")],
      get: {
        summary: "A public incident with its updates, newest first",
        responses: { "200": jsonAnswer("The public incident", "PublicIncident"), ...problems(404) },
      },
    },
    "/api/status-pages/{id}/incidents/{incidentId}/updates": {
      parameters: [pageId, param("incidentId", "pi_03c8…")],
      post: {
        summary: `Post a public update (phase, text, component statuses)${manage}; a resolved public incident refuses it (422)`,
        parameters: [idempotencyHeader],
        requestBody: body("PostPublicUpdateInput"),
        responses: {
          "201": jsonAnswer("The public incident with the new update", "PublicIncident"),
          ...problems(400, 404, 409, 413, 415, 422),
        },
      },
    },
    "/status/{slug}/api/summary.json": {
      parameters: [param("slug", "acme")],
      get: {
        summary:
          "Public: the page's status, components (each with `uptime: {percent, days: 90}`; partial and major outages are downtime), open incidents and upcoming maintenance, from its snapshot. ETag / If-None-Match (304); a signed-in page needs a session",
        security: [],
        responses: {
          "200": { description: "The summary", headers: { ETag: { schema: { type: "string" } } } },
          "304": { description: "Not modified" },
          "401": { description: "The page is for signed-in readers" },
          "404": { description: "No such page" },
        },
      },
    },
    "/status/{slug}/feed.atom": {
      parameters: [param("slug", "acme")],
      get: {
        summary:
          "Public: the page's Atom feed, one entry per public update (newest 50, text), from its snapshot. ETag / If-None-Match (304); /status/feed.atom is the default page's",
        security: [],
        responses: {
          "200": {
            description: "The feed (application/atom+xml)",
            headers: { ETag: { schema: { type: "string" } } },
          },
          "304": { description: "Not modified" },
          "401": { description: "The page is for signed-in readers" },
          "404": { description: "No such page" },
        },
      },
    },
    "/status/{slug}/live": {
      parameters: [param("slug", "acme")],
      get: {
        summary:
          "Public: the page's live stream (Server-Sent Events). A `snapshot` event `{revision}` at once and on each newer revision of the page's snapshot; the page's own script then re-reads the page. Capped per client address (STATUS_LIVE_MAX_PER_CLIENT, 6) and per process (STATUS_LIVE_MAX_STREAMS, 1000)",
        security: [],
        responses: {
          "200": { description: "The stream (text/event-stream)" },
          "401": { description: "The page is for signed-in readers" },
          "404": { description: "No such page" },
          "429": { description: "Too many streams from this address or on this server (Retry-After)" },
          "503": { description: "The page's snapshot is not available yet" },
        },
      },
    },
    "/status/{slug}/feed.rss": {
      parameters: [param("slug", "acme")],
      get: {
        summary:
          "Public: the page's RSS 2.0 feed, one entry per public update (newest 50, text), from its snapshot. ETag / If-None-Match (304); /status/feed.rss is the default page's",
        security: [],
        responses: {
          "200": {
            description: "The feed (application/rss+xml)",
            headers: { ETag: { schema: { type: "string" } } },
          },
          "304": { description: "Not modified" },
          "401": { description: "The page is for signed-in readers" },
          "404": { description: "No such page" },
        },
      },
    },
    "/status/{slug}/subscribe": {
      parameters: [param("slug", "acme")],
      post: {
        summary:
          "Public sign-up form (application/x-www-form-urlencoded: email, scope all|some, component…): answers an HTML page, the same whether or not the address is subscribed; a confirm mail at most once in 10 minutes",
        security: [],
        responses: {
          "200": { description: "Check your inbox (HTML)" },
          "404": { description: "No such public page" },
          "422": { description: "Bad address or components (HTML)" },
          "429": { description: "Too many sign-ups from this IP or for this address (HTML)" },
        },
      },
    },
    "/status/{slug}/subscription/confirm": {
      parameters: [param("slug", "acme")],
      get: {
        summary: "Public: the confirm link of the mail (`token`, single use, 24 h); answers an HTML page",
        security: [],
        responses: {
          "200": { description: "Subscribed" },
          "404": { description: "Invalid, used or expired link" },
        },
      },
    },
    "/status/{slug}/subscription/unsubscribe": {
      parameters: [param("slug", "acme")],
      get: {
        summary: "Public: asks to confirm (a button that POSTs); changes nothing",
        security: [],
        responses: { "200": { description: "The confirm page" } },
      },
      post: {
        summary:
          "Public RFC 8058 one-click unsubscribe (`token`; body `List-Unsubscribe=One-Click`), no session",
        security: [],
        responses: { "200": { description: "Unsubscribed" }, "404": { description: "Unknown link" } },
      },
    },
  };
}

export function statusPageSchemas(
  input: (schema: z.ZodType) => Json,
  output: (schema: z.ZodType) => Json,
): Json {
  return {
    CreateStatusPageInput: input(CreateStatusPageInput),
    UpdateStatusPageInput: input(UpdateStatusPageInput),
    ReorderStatusPageInput: input(ReorderInput),
    CreateStatusComponentInput: input(CreateComponentInput),
    UpdateStatusComponentInput: input(UpdateComponentInput),
    StatusGroupInput: input(ComponentGroupInput),
    PublishPublicIncidentInput: input(PublishPublicIncidentInput),
    PostPublicUpdateInput: input(PostPublicUpdateInput),
    StatusPage: output(StatusPageView),
    StatusComponent: output(ComponentView),
    StatusGroup: output(GroupView),
    PublicIncident: output(PublicIncidentView),
  };
}

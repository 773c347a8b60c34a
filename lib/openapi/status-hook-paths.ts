import type { z } from "zod";
import {
  CreatedHookSubscriberView,
  CreateHookSubscriberInput,
  HookSubscriberView,
} from "@/lib/status-pages/hook-schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

const param = (name: string, example: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", example },
});
const manage = " (responders and admins)";

/** Webhook and chat subscribers of a status page (docs/status-pages.md, decision 0124). */
export function statusHookPaths({ body, jsonAnswer, problems }: PathHelpers): Json {
  return {
    "/api/status-pages/{id}/webhook-subscribers": {
      parameters: [param("id", "sp_4f1c…")],
      get: {
        summary: `The page's webhook and chat subscribers, oldest first, with delivery counts${manage}`,
        responses: {
          "200": {
            description: "{subscribers: [StatusHookSubscriber]}",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    subscribers: {
                      type: "array",
                      items: { $ref: "#/components/schemas/StatusHookSubscriber" },
                    },
                  },
                },
              },
            },
          },
          ...problems(404),
        },
      },
      post: {
        summary: `Add a webhook (signed JSON) or Slack / Teams / Mattermost / Discord subscriber, confirmed at once${manage}`,
        requestBody: body("CreateStatusHookSubscriberInput"),
        responses: {
          "201": jsonAnswer(
            "The subscriber; a webhook's signing secret only in this answer",
            "CreatedStatusHookSubscriber",
            {
              Location: { schema: { type: "string" } },
            },
          ),
          ...problems(400, 404, 409, 413, 415, 422),
        },
      },
    },
    "/api/status-pages/{id}/webhook-subscribers/{subscriberId}": {
      parameters: [param("id", "sp_4f1c…"), param("subscriberId", "spw_7a2e…")],
      delete: {
        summary: `Remove a webhook or chat subscriber and its deliveries${manage}`,
        responses: { "204": { description: "Deleted" }, ...problems(404) },
      },
    },
    "/status/{slug}/subscribe-webhook": {
      parameters: [param("slug", "acme")],
      post: {
        summary:
          "Public sign-up form (`type`, `url`, `scope`, `component`…): sends a verification with a confirm link to the URL; answers an HTML page (a webhook's secret shown once)",
        security: [],
        responses: {
          "200": { description: "Verification sent" },
          "409": { description: "The URL already gets this page's updates" },
          "422": { description: "Bad fields, or a URL the SSRF guard refuses" },
          "429": { description: "Too many sign-ups" },
        },
      },
    },
    "/status/{slug}/webhook-subscription/confirm": {
      parameters: [param("slug", "acme")],
      get: {
        summary: "Public: the verification's link (`token`); shows a confirm button, changes nothing",
        security: [],
        responses: { "200": { description: "The confirm page" } },
      },
      post: {
        summary: "Public: confirms the subscription (`token`, single use, 24 h), no session",
        security: [],
        responses: {
          "200": { description: "Subscribed" },
          "404": { description: "Invalid, used or expired link" },
        },
      },
    },
  };
}

export function statusHookSchemas(
  input: (schema: z.ZodType) => Json,
  output: (schema: z.ZodType) => Json,
): Json {
  return {
    CreateStatusHookSubscriberInput: input(CreateHookSubscriberInput),
    StatusHookSubscriber: output(HookSubscriberView),
    CreatedStatusHookSubscriber: output(CreatedHookSubscriberView),
  };
}

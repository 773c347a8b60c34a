import type { z } from "zod";
import {
  CreatedWebhookView,
  CreateWebhookInput,
  DeliveryPage,
  ListDeliveriesQuery,
  UpdateWebhookInput,
  WebhookView,
  WEBHOOK_EVENTS,
} from "@/lib/webhooks/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

const idParam = { name: "id", in: "path", required: true, schema: { type: "string", example: "wh_5c0e…" } };
const admin = " (admin)";

/** The /api/webhooks paths of the OpenAPI document (outgoing webhooks, docs/webhooks.md). */
export function webhookPaths({
  ref,
  body,
  jsonAnswer,
  problems,
  idempotencyHeader,
  queryParameters,
}: PathHelpers): Json {
  return {
    "/api/webhooks": {
      get: {
        summary: `Webhook subscriptions${admin}; the secret is never included`,
        responses: {
          "200": {
            description: "Subscriptions",
            content: {
              "application/json": {
                schema: { type: "object", properties: { items: { type: "array", items: ref("Webhook") } } },
              },
            },
          },
          ...problems(),
        },
      },
      post: {
        summary: `Subscribe a URL to events${admin}: ${WEBHOOK_EVENTS.join(", ")}. The target must resolve to public addresses. The answer shows the signing secret once`,
        parameters: [idempotencyHeader],
        requestBody: body("CreateWebhookInput"),
        responses: {
          "201": jsonAnswer("Created; `secret` is shown in this answer only", "CreatedWebhook", {
            Location: { schema: { type: "string" } },
          }),
          ...problems(400, 409, 413, 415, 422),
        },
      },
    },
    "/api/webhooks/{id}": {
      parameters: [idParam],
      get: {
        summary: `A webhook subscription${admin}, with why and when it was disabled`,
        responses: { "200": jsonAnswer("The subscription", "Webhook"), ...problems(404) },
      },
      patch: {
        summary: `Change url, events, format, description or enabled${admin}; enabled=true clears the failure state`,
        requestBody: body("UpdateWebhookInput"),
        responses: { "200": jsonAnswer("The subscription", "Webhook"), ...problems(400, 404, 413, 415, 422) },
      },
      delete: {
        summary: `Delete a subscription and its delivery log${admin}`,
        responses: { "204": { description: "Deleted" }, ...problems(404) },
      },
    },
    "/api/webhooks/{id}/deliveries": {
      parameters: [idParam],
      get: {
        summary: `The delivery log, newest first${admin}: each attempt's status code, duration and error`,
        parameters: queryParameters(ListDeliveriesQuery.shape),
        responses: {
          "200": jsonAnswer("A page of deliveries", "WebhookDeliveryPage"),
          ...problems(404, 422),
        },
      },
    },
    "/api/webhooks/{id}/test": {
      parameters: [idParam],
      post: {
        summary: `Queue a signed webhook.test message${admin} (also to a disabled subscription); see it in the delivery log`,
        responses: {
          "202": {
            description: "Queued",
            content: {
              "application/json": {
                schema: { type: "object", properties: { deliveryId: { type: "string" } } },
              },
            },
          },
          ...problems(404),
        },
      },
    },
  };
}

export function webhookSchemas(
  input: (schema: z.ZodType) => Json,
  output: (schema: z.ZodType) => Json,
): Json {
  return {
    CreateWebhookInput: input(CreateWebhookInput),
    UpdateWebhookInput: input(UpdateWebhookInput),
    Webhook: output(WebhookView),
    CreatedWebhook: output(CreatedWebhookView),
    WebhookDeliveryPage: output(DeliveryPage),
  };
}

import { z } from "zod";
import {
  ContactMethodView,
  CreateContactMethodInput,
  CreatedContactMethodView,
  NotificationRulesView,
  SetNotificationRulesInput,
  VerifyContactMethodInput,
} from "@/lib/paging/contacts/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

const MINE = "the signed-in person's own (responder or admin; an API token has no person: 403)";

/** The signed-in person's contact methods and notification rules (docs/paging.md). */
export function contactPaths({
  ref,
  body,
  jsonAnswer,
  problems,
  idempotencyHeader,
  idParam,
}: PathHelpers): Json {
  const urgencyParam = {
    name: "urgency",
    in: "path",
    required: true,
    schema: { type: "string", enum: ["high", "low"] },
  };
  return {
    "/api/users/me/contact-methods": {
      get: {
        summary: `Contact methods, ${MINE}; chat and webhook URLs shown as their origin only`,
        responses: {
          "200": {
            description: "The methods, oldest first",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { items: { type: "array", items: ref("ContactMethod") } },
                },
              },
            },
          },
          ...problems(403),
        },
      },
      post: {
        summary:
          "Add a contact method: email, slack, mattermost, teams, discord (incoming-webhook https URL) or webhook (generic, signed; its secret is in this answer only). Unverified until its code is entered",
        parameters: [idempotencyHeader],
        requestBody: body("CreateContactMethodInput"),
        responses: {
          "201": jsonAnswer("Created", "CreatedContactMethod", { Location: { schema: { type: "string" } } }),
          ...problems(400, 403, 409, 413, 415, 422),
        },
      },
    },
    "/api/users/me/contact-methods/{id}": {
      parameters: [idParam],
      delete: {
        summary: "Delete one of your contact methods and its rules",
        responses: { "204": { description: "Deleted" }, ...problems(403, 404) },
      },
    },
    "/api/users/me/contact-methods/{id}/send-verification": {
      parameters: [idParam],
      post: {
        summary:
          "Send a 6-digit code (by mail, or posted to the chat / webhook), valid 10 minutes, 5 tries; at most once a minute (429 with Retry-After)",
        parameters: [idempotencyHeader],
        responses: {
          "202": {
            description: "Sent (mail queued, or posted and accepted)",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    expiresAt: { type: "string", format: "date-time" },
                    sentBy: { type: "string", enum: ["mail", "post"] },
                  },
                },
              },
            },
          },
          ...problems(403, 404, 409, 422, 429, 503),
        },
      },
    },
    "/api/users/me/contact-methods/{id}/verify": {
      parameters: [idParam],
      post: {
        summary: "Verify with the code; wrong codes count, the fifth locks the code (429: send a new one)",
        parameters: [idempotencyHeader],
        requestBody: body("VerifyContactMethodInput"),
        responses: {
          "200": jsonAnswer("The verified method", "ContactMethod"),
          ...problems(400, 403, 404, 413, 415, 422, 429),
        },
      },
    },
    "/api/users/me/notification-rules/{urgency}": {
      parameters: [urgencyParam],
      get: {
        summary: `Notification rules for one urgency, ${MINE}; \`usingDefault\` when there are none (every verified method at once)`,
        responses: { "200": jsonAnswer("The rules", "NotificationRules"), ...problems(403, 422) },
      },
      put: {
        summary:
          "Replace the whole list `{rules: [{contactMethodId, delayMinutes 0..1440}]}`; a method not yours or not verified is a 422 naming the rule's index; [] returns to the default",
        requestBody: body("SetNotificationRulesInput"),
        responses: {
          "200": jsonAnswer("The rules", "NotificationRules"),
          ...problems(400, 403, 413, 415, 422),
        },
      },
    },
  };
}

export function contactSchemas(
  input: (schema: z.ZodType) => Json,
  output: (schema: z.ZodType) => Json,
): Json {
  return {
    CreateContactMethodInput: input(CreateContactMethodInput),
    VerifyContactMethodInput: input(VerifyContactMethodInput),
    SetNotificationRulesInput: input(SetNotificationRulesInput),
    ContactMethod: output(ContactMethodView),
    CreatedContactMethod: output(CreatedContactMethodView),
    NotificationRules: output(NotificationRulesView),
  };
}

import { z } from "zod";
import { ListPagesInput } from "@/lib/paging/list-pages";
import { PageView } from "@/lib/paging/page-view";
import {
  CreatePolicyInput,
  PolicyView,
  ReassignPageInput,
  ServicePagingInput,
  ServicePagingView,
  UpdatePolicyInput,
} from "@/lib/paging/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

/** Escalation policies and how services are paged (docs/paging.md). */
export function pagingPaths({
  ref,
  body,
  jsonAnswer,
  problems,
  idempotencyHeader,
  idParam,
  slugParam,
  queryParameters,
}: PathHelpers): Json {
  const etag = { ETag: { schema: { type: "string" } } };
  return {
    "/api/escalation-policies": {
      get: {
        summary:
          "Escalation policies by name, each with its steps and the services that name it (every role)",
        responses: {
          "200": {
            description: "The policies",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { items: { type: "array", items: ref("EscalationPolicy") } },
                },
              },
            },
          },
        },
      },
      post: {
        summary:
          "Create a policy: ordered steps (targets: a user, the on-call of a service, another policy; minutes before the next step), repeat, default (responder or admin)",
        parameters: [idempotencyHeader],
        requestBody: body("CreatePolicyInput"),
        responses: {
          "201": jsonAnswer("Created", "EscalationPolicy", { Location: { schema: { type: "string" } } }),
          ...problems(400, 409, 413, 415, 422),
        },
      },
    },
    "/api/escalation-policies/{id}": {
      parameters: [idParam],
      get: {
        summary: "A policy",
        responses: { "200": jsonAnswer("The policy", "EscalationPolicy", etag), ...problems(404) },
      },
      patch: {
        summary: "Change a policy (steps replace the whole list); optional If-Match",
        requestBody: body("UpdatePolicyInput"),
        responses: {
          "200": jsonAnswer("The policy", "EscalationPolicy", etag),
          ...problems(400, 404, 409, 412, 413, 415, 422),
        },
      },
      delete: {
        summary: "Delete a policy no other policy hands to and no open page escalates under",
        responses: { "204": { description: "Deleted" }, ...problems(404, 409) },
      },
    },
    "/api/pages": {
      get: {
        summary:
          "Pages, newest first, the caller's own first (`state`: open (default), triggered, acknowledged, resolved, all; `user`: an id or me)",
        parameters: queryParameters(ListPagesInput.shape),
        responses: { "200": jsonAnswer("The pages", "PageList"), ...problems(422) },
      },
    },
    "/api/pages/{id}": {
      parameters: [idParam],
      get: {
        summary: "A page with its notifications (who, how, delivered or failed) and its log",
        responses: { "200": jsonAnswer("The page", "PageDetail"), ...problems(404) },
      },
    },
    ...Object.fromEntries(
      (
        [
          ["acknowledge", "Acknowledge: stop the escalation (responder or admin)"],
          ["resolve", "Resolve the page (its incident or alert stays as it is)"],
          ["escalate", "Escalate to the next step now (an acknowledged page is handed on too)"],
        ] as const
      ).map(([change, summary]) => [
        `/api/pages/{id}/${change}`,
        {
          parameters: [idParam],
          post: {
            summary,
            parameters: [idempotencyHeader],
            responses: { "200": jsonAnswer("The page", "Page"), ...problems(404, 422) },
          },
        },
      ]),
    ),
    "/api/pages/{id}/reassign": {
      parameters: [idParam],
      post: {
        summary:
          "Hand the page to one person now (paged by their rules; an acknowledged page is triggered again; the next step still follows)",
        parameters: [idempotencyHeader],
        requestBody: body("ReassignPageInput"),
        responses: { "200": jsonAnswer("The page", "Page"), ...problems(400, 404, 413, 415, 422) },
      },
    },
    "/api/services/{slug}/paging": {
      parameters: [slugParam],
      get: {
        summary: "How the service is paged: its policy (or the default), urgency by severity, business hours",
        responses: { "200": jsonAnswer("The service's paging", "ServicePaging"), ...problems(404) },
      },
      put: {
        summary: "Set how the service is paged (responder or admin)",
        requestBody: body("ServicePagingInput"),
        responses: {
          "200": jsonAnswer("The service's paging", "ServicePaging"),
          ...problems(400, 404, 413, 415, 422),
        },
      },
    },
  };
}

export function pagingSchemas(input: (schema: z.ZodType) => Json, output: (schema: z.ZodType) => Json): Json {
  return {
    CreatePolicyInput: input(CreatePolicyInput),
    UpdatePolicyInput: input(UpdatePolicyInput),
    ServicePagingInput: input(ServicePagingInput),
    ReassignPageInput: input(ReassignPageInput),
    EscalationPolicy: output(PolicyView),
    ServicePaging: output(ServicePagingView),
    Page: output(PageView),
    PageList: output(z.object({ items: z.array(PageView.extend({ mine: z.boolean() })) })),
    PageDetail: output(
      PageView.extend({
        notifications: z.array(
          z.object({
            id: z.number().int(),
            userId: z.string(),
            method: z.string(),
            status: z.string(),
            detail: z.string(),
            dueAt: z.date(),
            sentAt: z.date().nullable(),
          }),
        ),
        log: z.array(z.object({ kind: z.string(), actor: z.string(), message: z.string(), at: z.date() })),
      }),
    ),
  };
}

import type { z } from "zod";
import {
  AlertmanagerWebhookInput,
  CreateAlertRuleInput,
  ListAlertsQuery,
  NativeAlertInput,
  PagerDutyEventInput,
  UpdateAlertRuleInput,
} from "@/lib/alerts/schemas";
import { AlertDetailView, AlertPage, AlertRuleView, IngestResultView } from "@/lib/alerts/views";

type Json = Record<string, unknown>;
type Helpers = {
  input: (s: z.ZodType) => Json;
  output: (s: z.ZodType) => Json;
  problems: (...codes: number[]) => Json;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const answer = (description: string, name: string) => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});
const idParam = (example: string) => ({
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", example },
});

/** The alerts part of /api/openapi.json: ingest endpoints, the alert list and alert rules. */
export function alertPaths({ input, problems }: Helpers): Json {
  return {
    "/api/alerts": {
      post: {
        summary:
          "Send an alert (native). Firing repeats of a dedupKey update one alert; resolved closes it; a resend changes nothing",
        requestBody: body("NativeAlertInput"),
        responses: {
          "201": answer("A new alert", "IngestResult"),
          "200": answer("Repeated, resolved or unchanged", "IngestResult"),
          ...problems(400, 413, 415, 422),
        },
      },
      get: {
        summary: "List alerts, firing first, newest start first (keyset pagination)",
        parameters: Object.entries(ListAlertsQuery.shape).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          schema: input(schema as z.ZodType),
        })),
        responses: { "200": answer("A page of alerts", "AlertPage"), ...problems(422) },
      },
    },
    "/api/alerts/{id}": {
      parameters: [idParam("alt_7kq2m9x4c1vb")],
      get: {
        summary: "One alert with its state history and linked incidents",
        responses: { "200": answer("The alert", "AlertDetail"), ...problems(404) },
      },
    },
    "/api/alerts/rules": {
      get: {
        summary: "Alert rules",
        responses: {
          "200": {
            description: "Rules",
            content: {
              "application/json": {
                schema: { type: "object", properties: { items: { type: "array", items: ref("AlertRule") } } },
              },
            },
          },
          ...problems(),
        },
      },
      post: {
        summary: "Create an alert rule on service telemetry (responder)",
        requestBody: body("CreateAlertRuleInput"),
        responses: { "201": answer("The rule", "AlertRule"), ...problems(400, 415, 422) },
      },
    },
    "/api/alerts/rules/{id}": {
      parameters: [idParam("rule_3f8k2m1q0a9b7c6d")],
      get: {
        summary: "One alert rule (ETag = version)",
        responses: { "200": answer("The rule", "AlertRule"), ...problems(404) },
      },
      patch: {
        summary:
          "Change a rule; enabled=false disables it. A changed condition or disabling resolves its firing alert",
        parameters: [{ name: "If-Match", in: "header", required: false, schema: { type: "string" } }],
        requestBody: body("UpdateAlertRuleInput"),
        responses: { "200": answer("The rule", "AlertRule"), ...problems(400, 404, 412, 415, 422) },
      },
      delete: {
        summary: "Delete a rule (its firing alert is resolved; past alerts stay)",
        responses: { "204": { description: "Deleted" }, ...problems(404, 412) },
      },
    },
    "/api/integrations/alertmanager": {
      post: {
        summary:
          "Prometheus Alertmanager webhook (payload version 4, Authorization: Bearer <API token>); fingerprint = dedup key. 5xx only for transient failures",
        requestBody: body("AlertmanagerWebhook"),
        responses: {
          "200": {
            description: "Every alert of the notification stored",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    received: { type: "integer" },
                    results: { type: "array", items: ref("IngestResult") },
                  },
                },
              },
            },
          },
          ...problems(400, 413, 415, 422),
        },
      },
    },
    "/api/integrations/pagerduty/v2/enqueue": {
      post: {
        summary: "PagerDuty Events API v2 compatible; routing_key is an API token of this product",
        security: [],
        requestBody: body("PagerDutyEvent"),
        responses: {
          "202": {
            description: "Stored",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    status: { const: "success" },
                    message: { const: "Event processed" },
                    dedup_key: { type: "string" },
                  },
                },
              },
            },
          },
          ...problems(400, 413, 415),
        },
      },
    },
  };
}

export function alertSchemas({ input, output }: Helpers): Json {
  return {
    NativeAlertInput: input(NativeAlertInput),
    AlertmanagerWebhook: input(AlertmanagerWebhookInput),
    PagerDutyEvent: input(PagerDutyEventInput),
    CreateAlertRuleInput: input(CreateAlertRuleInput),
    UpdateAlertRuleInput: input(UpdateAlertRuleInput),
    IngestResult: output(IngestResultView),
    AlertPage: output(AlertPage),
    AlertDetail: output(AlertDetailView),
    AlertRule: output(AlertRuleView),
  };
}

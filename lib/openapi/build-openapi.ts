import { z } from "zod";
import { alertPaths, alertSchemas } from "./alert-paths";
import { auditPaths, auditSchemas } from "./audit-paths";
import { pagingPaths, pagingSchemas } from "./paging-paths";
import { contactPaths, contactSchemas } from "./contact-paths";
import { mailPaths, mailSchemas } from "./mail-paths";
import {
  ErrorGroupListItem,
  ErrorGroupView,
  IngestErrorsInput,
  UpdateErrorGroupInput,
} from "@/lib/error-groups/schemas";
import {
  AddTimelineEntryInput,
  DeclareIncidentInput,
  LinkInput,
  ListIncidentsQuery,
  MarkLinkInput,
  UpdateIncidentInput,
} from "@/lib/incidents/schemas";
import { RecordReleaseInput, ReleaseView } from "@/lib/releases/schemas";
import { IncidentPage, IncidentView, LinkView, TimelineEntryView } from "@/lib/incidents/views";
import { CreateOverrideInput, UpdateServiceInput } from "@/lib/oncall/schemas";
import { OnCallView, OverrideView, ServiceList, ServiceView } from "@/lib/oncall/views";
import {
  ActionItemPage,
  ActionItemView,
  CreateActionItemInput,
  UpdateActionItemInput,
} from "@/lib/action-items/schemas";
import { PostmortemSettingsView, UpdatePostmortemSettingsInput } from "@/lib/postmortems/postmortem-settings";
import { PostmortemView, UpdatePostmortemInput } from "@/lib/postmortems/schemas";
import { IngestMetricsInput } from "@/lib/telemetry/schemas";
import { ApiTokenView, CreateApiTokenInput } from "@/lib/tokens/schemas";
import { ChangeUserRoleInput } from "@/lib/users/change-user-role";
import { CreateUserInput } from "@/lib/users/create-user";
import { UserListItemView, UserView } from "@/lib/users/views";
import { errorReleasePaths } from "./error-release-paths";
import { incidentPaths } from "./incident-paths";
import { oncallPaths } from "./oncall-paths";
import type { PathHelpers } from "./path-helpers";
import { postmortemPaths } from "./postmortem-paths";
import { livePaths } from "./live-paths";
import { reminderPaths, reminderSchemas } from "./reminder-paths";
import { settingsPaths } from "./settings-paths";
import { maintenancePaths, maintenanceSchemas } from "./maintenance-paths";
import { statusHookPaths, statusHookSchemas } from "./status-hook-paths";
import { statusPagePaths, statusPageSchemas } from "./status-page-paths";
import { webhookPaths, webhookSchemas } from "./webhook-paths";
import { workflowPaths, workflowSchemas } from "./workflow-paths";

type Json = Record<string, unknown>;

// Dates leave the API as ISO 8601 strings (JSON.stringify), so that is how they are documented.
const toSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as Json;

const strip = ({ $schema, ...rest }: Json) => (void $schema, rest);
const input = (schema: z.ZodType) => strip(toSchema(schema, "input"));
const output = (schema: z.ZodType) => strip(toSchema(schema, "output"));

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const jsonAnswer = (description: string, name: string, headers?: Json) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref(name) } },
});
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});
const problems = (...codes: number[]) => {
  const text: Record<number, string> = {
    400: "Malformed JSON or bad header",
    401: "Not signed in and no valid API token",
    403: "The role is not enough, or a cookie-authenticated write from another origin",
    404: "No such incident",
    409: "Conflict (already linked; or the same Idempotency-Key is still running, was applied but its answer was lost, or its answer held a secret)",
    412: "If-Match names a stale version",
    413: "Body too large",
    415: "Body is not JSON",
    422: "Validation failed or invalid transition; see errors[]",
  };
  return Object.fromEntries(
    [...new Set([401, 403, ...codes])].sort().map((code) => [String(code), problem(text[code])]),
  );
};

const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", example: "INC-2026-0042" },
};
const slugParam = {
  name: "slug",
  in: "path",
  required: true,
  schema: { type: "string", example: "payment-service" },
};
// The list and the metrics also answer as a CSV download (`?format=csv` or `Accept: text/csv`).

const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Same key + same body replays the first answer for 24 hours; same key + other body → 422; still running → 409. Answers that show a secret once are never stored: their key answers 409.",
  schema: { type: "string", maxLength: 255 },
};

function queryParameters(shape: Record<string, unknown> = ListIncidentsQuery.shape): Json[] {
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    schema: input(schema as z.ZodType),
  }));
}

export function buildOpenApiDocument(): Json {
  const helpers = { input, output, problems };
  const pathHelpers: PathHelpers = {
    ref,
    body,
    jsonAnswer,
    problems,
    idempotencyHeader,
    queryParameters,
    idParam,
    slugParam,
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Incident manager API",
      version: "1.0.0",
      description:
        "Declare, investigate and resolve incidents. Errors are RFC 9457 application/problem+json.",
    },
    paths: {
      ...incidentPaths(pathHelpers),
      ...errorReleasePaths(pathHelpers),
      ...settingsPaths(pathHelpers),
      ...workflowPaths({ ref, body, jsonAnswer, problems, idempotencyHeader }),
      ...oncallPaths(pathHelpers),
      ...postmortemPaths(pathHelpers),
      ...livePaths(pathHelpers),
      ...reminderPaths(pathHelpers),
      ...webhookPaths(pathHelpers),
      ...auditPaths(pathHelpers),
      ...pagingPaths(pathHelpers),
      ...contactPaths(pathHelpers),
      ...mailPaths(pathHelpers),
      ...statusPagePaths(pathHelpers),
      ...maintenancePaths(pathHelpers),
      ...statusHookPaths(pathHelpers),
      "/api/openapi.json": {
        get: {
          summary: "This document (OpenAPI 3.1, generated from the zod schemas)",
          security: [],
          responses: { "200": { description: "The OpenAPI document" } },
        },
      },
      ...alertPaths(helpers),
      "/api/health": {
        get: {
          summary: "Liveness and database reachability",
          security: [],
          responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
        },
      },
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An API token created by an admin (imt_…).",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "A signed-in browser session; writes must be same-origin.",
        },
      },
      schemas: {
        DeclareIncidentInput: input(DeclareIncidentInput),
        UpdateIncidentInput: input(UpdateIncidentInput),
        AddTimelineEntryInput: input(AddTimelineEntryInput),
        LinkInput: input(LinkInput),
        MarkLinkInput: input(MarkLinkInput),
        IngestErrorsInput: input(IngestErrorsInput),
        UpdateErrorGroupInput: input(UpdateErrorGroupInput),
        RecordReleaseInput: input(RecordReleaseInput),
        ErrorGroup: output(ErrorGroupView),
        ErrorGroupListItem: output(ErrorGroupListItem),
        Release: output(ReleaseView),
        Incident: output(IncidentView),
        IncidentPage: output(IncidentPage),
        TimelineEntry: output(TimelineEntryView),
        Link: output(LinkView),
        CreateApiTokenInput: input(CreateApiTokenInput),
        IngestMetricsInput: input(IngestMetricsInput),
        CreateUserInput: input(CreateUserInput),
        ChangeUserRoleInput: input(ChangeUserRoleInput),
        ApiToken: output(ApiTokenView),
        User: output(UserView),
        UserListItem: output(UserListItemView),
        ...alertSchemas(helpers),
        ...workflowSchemas(input, output),
        ...webhookSchemas(input, output),
        ...auditSchemas(output),
        ...pagingSchemas(input, output),
        ...contactSchemas(input, output),
        ...mailSchemas(output),
        ...statusPageSchemas(input, output),
        ...maintenanceSchemas(input, output),
        ...statusHookSchemas(input, output),
        UpdateServiceInput: input(UpdateServiceInput),
        CreateOverrideInput: input(CreateOverrideInput),
        Service: output(ServiceView),
        ServiceList: output(ServiceList),
        Override: output(OverrideView),
        OnCall: output(OnCallView),
        UpdatePostmortemInput: input(UpdatePostmortemInput),
        Postmortem: output(PostmortemView),
        CreateActionItemInput: input(CreateActionItemInput),
        UpdateActionItemInput: input(UpdateActionItemInput),
        ActionItem: output(ActionItemView),
        ActionItemPage: output(ActionItemPage),
        UpdatePostmortemSettingsInput: input(UpdatePostmortemSettingsInput),
        PostmortemSettings: output(PostmortemSettingsView),
        ...reminderSchemas(input, output),
        Problem: {
          type: "object",
          required: ["type", "title", "status"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}

import type { z } from "zod";
import {
  CreateWorkflowInput,
  PreviewView,
  PreviewWorkflowInput,
  UpdateWorkflowInput,
  WorkflowRunView,
  WorkflowView,
} from "@/lib/workflows/schemas";

type Json = Record<string, unknown>;
type Helpers = {
  ref: (name: string) => Json;
  body: (name: string) => Json;
  jsonAnswer: (description: string, name: string, headers?: Json) => Json;
  problems: (...codes: number[]) => Json;
  idempotencyHeader: Json;
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "string", example: "wf_6f1c…" } };
const items = (ref: Helpers["ref"], name: string, description: string) => ({
  description,
  content: {
    "application/json": {
      schema: { type: "object", properties: { items: { type: "array", items: ref(name) } } },
    },
  },
});
const conditionError =
  'Validation failed; a malformed condition names its position: errors[{path: condition, message: "At column 12: expected a value, found …"}] plus offset (0-based), line, column (1-based) and expected';

/** The /api/workflows paths of the OpenAPI document, built with the document's own helpers. */
export function workflowPaths({ ref, body, jsonAnswer, problems, idempotencyHeader }: Helpers): Json {
  const with422 = (...codes: number[]) => ({
    ...problems(...codes),
    "422": {
      description: conditionError,
      content: { "application/problem+json": { schema: ref("Problem") } },
    },
  });
  return {
    "/api/workflows": {
      get: {
        summary: "Workflows (every role may read)",
        responses: { "200": items(ref, "Workflow", "Workflows by name, each with its last run") },
      },
      post: {
        summary: "Create a workflow: trigger, condition, actions (responder or admin)",
        parameters: [idempotencyHeader],
        requestBody: body("CreateWorkflowInput"),
        responses: {
          "201": jsonAnswer("Created", "Workflow", { Location: { schema: { type: "string" } } }),
          ...with422(400, 409, 413, 415),
        },
      },
    },
    "/api/workflows/preview": {
      post: {
        summary: "Which of the last 50 events of a trigger a condition would match (runs nothing)",
        requestBody: body("PreviewWorkflowInput"),
        responses: { "200": jsonAnswer("Matches", "WorkflowPreview"), ...with422(400, 413, 415) },
      },
    },
    "/api/workflows/{id}": {
      parameters: [idParam],
      get: {
        summary: "A workflow",
        responses: {
          "200": jsonAnswer("The workflow", "Workflow", { ETag: { schema: { type: "string" } } }),
          ...problems(404),
        },
      },
      patch: {
        summary: "Change a workflow (any field; enabled turns it on or off)",
        parameters: [{ name: "If-Match", in: "header", required: false, schema: { type: "string" } }],
        requestBody: body("UpdateWorkflowInput"),
        responses: {
          "200": jsonAnswer("The changed workflow", "Workflow"),
          ...with422(400, 404, 409, 412, 413, 415),
        },
      },
      delete: {
        summary: "Delete a workflow and its run log",
        responses: { "204": { description: "Deleted" }, ...problems(404) },
      },
    },
    "/api/workflows/{id}/runs": {
      parameters: [idParam],
      get: {
        summary: "The run log, newest first: event, matched, reason, each action's result",
        responses: { "200": items(ref, "WorkflowRun", "Runs"), ...problems(404) },
      },
    },
  };
}

export function workflowSchemas(
  input: (schema: z.ZodType) => Json,
  output: (schema: z.ZodType) => Json,
): Json {
  return {
    CreateWorkflowInput: input(CreateWorkflowInput),
    UpdateWorkflowInput: input(UpdateWorkflowInput),
    PreviewWorkflowInput: input(PreviewWorkflowInput),
    Workflow: output(WorkflowView),
    WorkflowRun: output(WorkflowRunView),
    WorkflowPreview: output(PreviewView),
  };
}

import type { z } from "zod";
import {
  MaintenanceView,
  ScheduleMaintenanceInput,
  UpdateMaintenanceInput,
} from "@/lib/status-pages/maintenance-schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

const param = (name: string, example: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string", example },
});
const etag = { ETag: { schema: { type: "string" }, description: "The version, for If-Match" } };

/** Scheduled maintenance of a status page (docs/status-pages.md#scheduled-maintenance). */
export function maintenancePaths({ body, jsonAnswer, problems, idempotencyHeader }: PathHelpers): Json {
  const pageId = param("id", "sp_4f1c…");
  return {
    "/api/status-pages/{id}/maintenances": {
      parameters: [pageId],
      get: {
        summary: "The page's maintenances, latest start first (at most 100)",
        responses: {
          "200": {
            description: "Maintenances",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    items: { type: "array", items: { $ref: "#/components/schemas/Maintenance" } },
                  },
                },
              },
            },
          },
          ...problems(404),
        },
      },
      post: {
        summary:
          "Schedule maintenance of some components (responders and admins); the job queue starts and ends it at its times and mails subscribers (scheduled, reminder, start, end)",
        parameters: [idempotencyHeader],
        requestBody: body("ScheduleMaintenanceInput"),
        responses: {
          "201": jsonAnswer("The maintenance", "Maintenance", {
            ...etag,
            Location: { schema: { type: "string" } },
          }),
          ...problems(400, 404, 409, 413, 415, 422),
        },
      },
    },
    "/api/status-pages/{id}/maintenances/{maintenanceId}": {
      parameters: [pageId, param("maintenanceId", "spm_9a2e…")],
      get: {
        summary: "A maintenance",
        responses: { "200": jsonAnswer("The maintenance", "Maintenance", etag), ...problems(404) },
      },
      patch: {
        summary:
          'Edit a scheduled maintenance (title, body, window, components, reminder), or `{"state": "cancelled"}` (while scheduled) / `{"state": "completed"}` (end early); optional If-Match (412 when stale)',
        requestBody: body("UpdateMaintenanceInput"),
        responses: {
          "200": jsonAnswer("The maintenance", "Maintenance", etag),
          ...problems(400, 404, 412, 413, 415, 422),
        },
      },
    },
  };
}

export function maintenanceSchemas(
  input: (schema: z.ZodType) => Json,
  output: (schema: z.ZodType) => Json,
): Json {
  return {
    ScheduleMaintenanceInput: input(ScheduleMaintenanceInput),
    UpdateMaintenanceInput: input(UpdateMaintenanceInput),
    Maintenance: output(MaintenanceView),
  };
}

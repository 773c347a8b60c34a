import { ReminderSettingsView, UpdateReminderSettingsInput } from "@/lib/reminders/reminder-settings";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

/** The reminders part of /api/openapi.json. */
export function reminderPaths({ body, jsonAnswer, problems }: PathHelpers) {
  return {
    "/api/settings/reminders": {
      get: {
        summary:
          "Update reminder intervals per severity (minutes without a manual update before an open incident is overdue; null = off)",
        responses: { "200": jsonAnswer("The intervals", "ReminderSettings"), ...problems() },
      },
      put: {
        summary: "Change update reminder intervals (admin); severities left out keep theirs",
        requestBody: body("UpdateReminderSettingsInput"),
        responses: {
          "200": jsonAnswer("The intervals", "ReminderSettings"),
          ...problems(400, 413, 415, 422),
        },
      },
    },
  };
}

export function reminderSchemas(
  input: (schema: typeof UpdateReminderSettingsInput) => Json,
  output: (schema: typeof ReminderSettingsView) => Json,
) {
  return {
    UpdateReminderSettingsInput: input(UpdateReminderSettingsInput),
    ReminderSettings: output(ReminderSettingsView),
  };
}

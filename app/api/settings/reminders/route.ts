import { apiRoute, json } from "@/lib/http/api-route";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { getReminderSettings, updateReminderSettings } from "@/lib/reminders/reminder-settings";

export const GET = apiRoute(async ({ actor, db }) => json(await getReminderSettings(db, actor)));

export const PUT = apiRoute(async ({ actor, db, body }) =>
  json(await updateReminderSettings(db, actor, body())),
);

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);

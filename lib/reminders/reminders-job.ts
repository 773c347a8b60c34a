import { defineJob, noPayload } from "@/lib/jobs/registry";
import { runReminders } from "./run-reminders";

// Every minute, one run at a time across instances; the claims in reminder_emissions keep an
// overlapping run (an expired job retried while the first still works) from emitting twice anyway.
export const remindersJob = defineJob(
  {
    name: "reminders.run-timers",
    payload: noPayload,
    options: { schedule: "* * * * *", policy: "singleton", retryLimit: 0, expireInSeconds: 55 },
  },
  (_data, { db }) => runReminders(db, new Date()).then(() => undefined),
);

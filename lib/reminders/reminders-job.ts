import { defineJob } from "@/lib/jobs/registry";
import { runReminders } from "./run-reminders";

// Every minute, one run at a time across instances; the claims in reminder_emissions keep an
// overlapping run (an expired job retried while the first still works) from emitting twice anyway.
export const remindersJob = defineJob(
  "reminders.run-timers",
  (_data, { db }) => runReminders(db, new Date()).then(() => undefined),
  {
    schedule: "* * * * *",
    policy: "singleton",
    retryLimit: 0,
    expireInSeconds: 55,
  },
);

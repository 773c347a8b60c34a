import { defineJob, noPayload } from "@/lib/jobs/registry";
import { evaluateAlertRules } from "./evaluate-alert-rules";

// Every minute, one run at a time across instances (a slow tick never overlaps the next); the rules'
// own row locks (SKIP LOCKED) would keep a second evaluator harmless anyway.
export const evaluateRulesJob = defineJob(
  {
    name: "alerts.evaluate-rules",
    payload: noPayload,
    options: { schedule: "* * * * *", policy: "singleton", retryLimit: 0, expireInSeconds: 55 },
  },
  (_data, { db }) => evaluateAlertRules(db).then(() => undefined),
);

import { defineJob } from "@/lib/jobs/registry";
import { deliverJobSpec } from "./deliver-job-spec";
import { deliverWebhook } from "./deliver-webhook";

export const deliverWebhookJob = defineJob(deliverJobSpec, async (data, { db }) => {
  await deliverWebhook(db, data);
});

// Apart from the job module so that enqueueing (web requests, consumers) does not load the sender.
export const DELIVER_JOB = "webhooks.deliver";
export type DeliverJobData = { deliveryId: string; attempt: number };

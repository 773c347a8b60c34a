import { handlePagerDutyEnqueue } from "@/lib/alerts/pagerduty-endpoint";

export const POST = (request: Request) => handlePagerDutyEnqueue(request);

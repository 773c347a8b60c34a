import { handlePagerDutyEnqueue } from "@/lib/alerts/pagerduty-endpoint";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const POST = (request: Request) => handlePagerDutyEnqueue(request);

export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = methodNotAllowed(["POST"]);

import { getDb } from "@/db/client";
import { resolveApiActor } from "@/lib/auth/resolve-actor";
import { json } from "@/lib/http/api-route";
import { handleApiError } from "@/lib/http/problem";
import { parseJsonText, readBodyText } from "@/lib/http/read-json";
import { receivePagerDutyRequest } from "./receive-alerts";

/**
 * `POST /api/integrations/pagerduty/v2/enqueue`. Not an apiRoute: a PagerDuty sender authenticates
 * with the routing_key inside the body, so the body is read before the caller is known.
 */
export async function handlePagerDutyEnqueue(request: Request): Promise<Response> {
  const instance = new URL(request.url).pathname;
  try {
    const db = await getDb();
    const body = parseJsonText(await readBodyText(request), request.headers.get("content-type"));
    return json(await receivePagerDutyRequest(db, body, () => resolveApiActor(request)), { status: 202 });
  } catch (error) {
    return handleApiError(error, instance);
  }
}

import { isConnectionError } from "@/lib/db-errors";
import { DomainError, errorTitle } from "@/lib/errors";
import { logError } from "@/lib/log-error";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 9457 body for a domain error; the status comes from the one table in lib/errors. */
export function problemResponse(
  error: DomainError,
  instance?: string,
  headers: Record<string, string> = {},
): Response {
  const body: Record<string, unknown> = {
    type: `urn:problem-type:incident-manager:${error.code}`,
    title: errorTitle[error.code],
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
  if (error.errors.length) body.errors = error.errors;
  // RFC 9110: a 401 names the scheme it wants.
  const challenge: Record<string, string> =
    error.status === 401 ? { "www-authenticate": 'Bearer realm="incidents"' } : {};
  const retry: Record<string, string> =
    error.retryAfter !== undefined ? { "retry-after": String(error.retryAfter) } : {};
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...challenge, ...retry, ...headers },
  });
}

export function internalErrorResponse(instance?: string): Response {
  return new Response(
    JSON.stringify({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "Something went wrong on our side. The change was not applied; try again.",
      ...(instance ? { instance } : {}),
    }),
    { status: 500, headers: { "content-type": PROBLEM_CONTENT_TYPE } },
  );
}

/** The one mapping from anything thrown to an HTTP answer. */
export function handleApiError(error: unknown, instance?: string): Response {
  if (error instanceof DomainError) return problemResponse(error, instance);
  // A database restart or failover: a transaction cut off before COMMIT rolls back, and the pool
  // reconnects by itself, so "try again" is the honest answer (only a cut during COMMIT is ambiguous).
  if (isConnectionError(error)) {
    logError(`[api] ${instance ?? ""} database unreachable:`, error);
    return problemResponse(
      new DomainError(
        "unavailable",
        "The database is not reachable right now; try again shortly (a POST with the same Idempotency-Key is applied at most once).",
        { retryAfter: 2 },
      ),
      instance,
    );
  }
  logError(`[api] ${instance ?? ""}`, error);
  return internalErrorResponse(instance);
}

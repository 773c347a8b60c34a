/** PostgreSQL unique_violation (23505), as postgres.js and PGlite report it, possibly wrapped by Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}

/** The SQLSTATE of a database error (postgres.js and PGlite both set `.code`; Drizzle wraps it in `.cause`). */
export function pgErrorCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined;
    e && typeof e === "object";
    e = e.cause as typeof e
  ) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

// SQLSTATE classes 08 (connection exception) and 57P01–57P03 (the server shutting down, crashed, or
// still starting), and the socket / postgres.js codes of a connection that broke or never opened.
const CONNECTION_SQLSTATE = /^(08...|57P0[123])$/;
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * Whether the database was unreachable rather than the request wrong: a restart, a failover or a
 * network cut. The request is answered 503 (try again), never 500. Looks down the cause chain
 * (Drizzle wraps driver errors) and into an AggregateError (Node's dual-stack connect attempts).
 */
export function isConnectionError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== "object" || seen.has(e)) return false;
    seen.add(e);
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || CONNECTION_SQLSTATE.test(code)))
      return true;
    if (Array.isArray(errors) && errors.some(visit)) return true;
    return visit(cause);
  };
  return visit(error);
}

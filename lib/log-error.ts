/**
 * What of an unexpected error may reach the logs. A failed Drizzle query carries its parameters in its
 * message ("Failed query: … params: …"), and PostgreSQL quotes the offending value in messages and
 * `detail` ("invalid input syntax for type integer: \"…\"", "Key (email)=(…) already exists"); those
 * are user data (or a token), so only the error's shape is kept: names, SQLSTATE, constraint, table,
 * the parameterised SQL text, and the stack frames without the message.
 */
export type LoggedError = {
  name: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  query?: string;
  stack?: string;
};

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  table?: unknown;
  table_name?: unknown;
  column?: unknown;
  column_name?: unknown;
  query?: unknown;
  params?: unknown;
  stack?: unknown;
  cause?: unknown;
};

const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);
// Quoted literals and the "(column)=(value)" pairs of key violations are the data; the words around them are not.
const redact = (message: string) =>
  message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\)=\((?:[^()]|\([^()]*\))*\)/g, ")=(…)");
const frames = (stack: unknown) =>
  typeof stack === "string"
    ? stack
        .split("\n")
        .filter((line) => line.trimStart().startsWith("at "))
        .slice(0, 12)
        .join("\n") || undefined
    : undefined;

function describeOne(error: ErrorLike): LoggedError {
  const query = text(error.query);
  const databaseError = typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code);
  let message = text(error.message) ?? "";
  if (query && error.params !== undefined) message = "Failed query";
  else if (databaseError) message = redact(message);
  return {
    name: text(error.name) ?? "Error",
    message,
    ...(databaseError ? { code: error.code as string } : {}),
    ...((text(error.constraint) ?? text(error.constraint_name))
      ? { constraint: text(error.constraint) ?? text(error.constraint_name) }
      : {}),
    ...((text(error.table) ?? text(error.table_name))
      ? { table: text(error.table) ?? text(error.table_name) }
      : {}),
    ...((text(error.column) ?? text(error.column_name))
      ? { column: text(error.column) ?? text(error.column_name) }
      : {}),
    ...(query ? { query: query.slice(0, 2000) } : {}),
    ...(frames(error.stack) ? { stack: frames(error.stack) } : {}),
  };
}

/** The error and its causes, outermost first, each reduced to what is safe to log. */
export function describeError(error: unknown): LoggedError[] {
  const chain: LoggedError[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 5) {
    chain.push(
      typeof current === "object"
        ? describeOne(current as ErrorLike)
        : { name: typeof current, message: "(a thrown non-error value)" },
    );
    current = typeof current === "object" ? (current as ErrorLike).cause : undefined;
  }
  return chain;
}

export function logError(scope: string, error: unknown): void {
  console.error(scope, JSON.stringify(describeError(error), null, 2));
}

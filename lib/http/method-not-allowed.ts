import { DomainError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";

type Implementable = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = ((request: Request) => Response) & { readonly allowed: readonly string[] };

const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** The Allow header for a route implementing `methods`: HEAD comes with GET (Next answers it from GET), OPTIONS always. */
export function allowHeader(methods: readonly string[]): string {
  const allowed = new Set([...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
  return ORDER.filter((m) => allowed.has(m)).join(", ");
}

/**
 * Handlers for every method a route does NOT implement, so that they answer 405 problem+json with an
 * `Allow` header instead of Next's empty 405, and OPTIONS lists only the real methods (Next's own
 * OPTIONS would list these 405 handlers too). A route file exports the ones it lacks:
 *   export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
 * The types refuse a method the route implements, so a real handler cannot be shadowed by accident.
 */
export function methodNotAllowed<const A extends readonly Implementable[]>(allowed: A) {
  const allow = allowHeader(allowed);
  const refuse = (request: Request) => {
    const error = new DomainError(
      "method_not_allowed",
      `${request.method} is not supported on this resource; use ${allow}.`,
    );
    return problemResponse(error, new URL(request.url).pathname, { allow });
  };
  const options = () => new Response(null, { status: 204, headers: { allow } });
  const implemented = new Set(allow.split(", ").filter((m) => m !== "OPTIONS"));
  const handlers = Object.fromEntries(
    ORDER.filter((m) => !implemented.has(m)).map((method) => [
      method,
      Object.assign(method === "OPTIONS" ? options : refuse, { allowed }),
    ]),
  );
  return handlers as unknown as Record<
    Exclude<Implementable, A[number]> | ("GET" extends A[number] ? never : "HEAD") | "OPTIONS",
    Handler
  >;
}

/** True for a handler made by methodNotAllowed (the route inventory tells real handlers from these). */
export const isMethodNotAllowedHandler = (value: unknown): value is Handler =>
  typeof value === "function" && Array.isArray((value as Partial<Handler>).allowed);

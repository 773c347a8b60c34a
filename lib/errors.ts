import type { ZodError } from "zod";

export type FieldError = { path: string; message: string };

export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "already_exists"
  | "precondition_failed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "validation"
  | "invalid_transition"
  | "idempotency_mismatch"
  | "idempotency_in_progress"
  | "idempotency_not_replayable"
  | "idempotency_answer_lost"
  | "rate_limited"
  | "unavailable";

// The one table from domain error to HTTP status; route handlers and forms both read it.
export const errorStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_exists: 409,
  idempotency_in_progress: 409,
  idempotency_not_replayable: 409,
  idempotency_answer_lost: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  invalid_transition: 422,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
};

export const errorTitle: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  unauthenticated: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  already_exists: "Already exists",
  idempotency_in_progress: "Request with this Idempotency-Key is still in progress",
  idempotency_not_replayable: "Answer with a secret is not replayed",
  idempotency_answer_lost: "Request applied, answer lost",
  precondition_failed: "Precondition failed",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  validation: "Validation failed",
  invalid_transition: "Invalid status transition",
  idempotency_mismatch: "Idempotency-Key reused with a different request",
  rate_limited: "Too many attempts",
  unavailable: "Temporarily unavailable",
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly extra: Record<string, unknown>;
  /** Seconds after which a retry may succeed (sent as Retry-After). */
  readonly retryAfter?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      errors?: FieldError[];
      extra?: Record<string, unknown>;
      retryAfter?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DomainError";
    this.code = code;
    this.errors = options.errors ?? [];
    this.extra = options.extra ?? {};
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} was not found.`);

export function validationError(errors: FieldError[], message = "The request has invalid fields.") {
  return new DomainError("validation", message, { errors });
}

export function fromZodError(error: ZodError): DomainError {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ path: base ? `${base}.${key}` : key, message: "Unknown field." });
      }
    } else {
      errors.push({ path: base, message: issue.message });
    }
  }
  return validationError(errors);
}

import { createHash } from "node:crypto";
import type { AuditChange } from "@/db/audit-schema";

/** A record as a use case hands it to the audit log: a row or view, before or after the change. */
export type AuditSnapshot = Record<string, unknown>;

export const REDACTED = "[redacted]";

// Field names that hold a secret, compared without case, `_` or `-`. Use cases leave these out of
// what they pass anyway; this is the second belt (documenso strips the same way before it stores).
const SECRET_KEYS = new Set([
  "secret",
  "secrethash",
  "password",
  "passwordhash",
  "hash",
  "token",
  "tokenhash",
  "plaintext",
  "apikey",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "privatekey",
  "signingkey",
  "currentpassword",
  "newpassword",
  "confirmpassword",
  "generatedpassword",
]);
const SECRET_SUFFIXES = ["secret", "password", "hash"];

export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEYS.has(normal) || SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix));
}

// Values that are secrets whatever their field is called: an API token (imt_…), a webhook signing key
// (whsec_…), a SHA-256 in hex (a token hash), better-auth's scrypt `salt:key`.
const SECRET_VALUES = [
  /^imt_[A-Za-z0-9_-]{20,}$/,
  /^whsec_/,
  /^[0-9a-f]{64}$/i,
  /^[0-9a-f]{32}:[0-9a-f]{64,}$/i,
];
const isSecretValue = (value: string) => SECRET_VALUES.some((pattern) => pattern.test(value));

/**
 * A webhook URL can itself be a secret (a chat webhook's path is its key), and the audit log keeps
 * rows for months: only the origin is kept, with a short fingerprint of the whole URL so a change
 * of path still shows as a change.
 */
export function redactUrl(url: string): string {
  const fingerprint = createHash("sha256").update(url).digest("hex").slice(0, 8);
  try {
    const { origin, pathname, search } = new URL(url);
    return pathname === "/" && !search ? origin : `${origin}/… (#${fingerprint})`;
  } catch {
    return `(#${fingerprint})`;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** JSON-ready, secrets replaced: dates as ISO strings, undefined dropped, secret fields redacted. */
export function sanitize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return isSecretValue(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(sanitize);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, isSecretKey(k) ? REDACTED : sanitize(v)]),
    );
  }
  if (typeof value === "bigint") return value.toString();
  return value ?? null;
}

/** Nested objects become dotted fields (`autoGenerate.SEV1`), so a diff names exactly what changed. */
function flatten(value: Record<string, unknown>, prefix = "", into: Record<string, unknown> = {}) {
  for (const [key, v] of Object.entries(value)) {
    if (isPlainObject(v) && Object.keys(v).length > 0) flatten(v, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = v;
  }
  return into;
}

/**
 * `{field: {from, to}}` for every field that differs. Without `before` (a creation) it is the new
 * record against nothing, without `after` (a deletion) the old one against nothing; fields that are
 * null on both sides are left out.
 */
export function auditDiff(
  before: AuditSnapshot | null | undefined,
  after: AuditSnapshot | null | undefined,
): Record<string, AuditChange> {
  const from = flatten((sanitize(before ?? {}) as Record<string, unknown>) ?? {});
  const to = flatten((sanitize(after ?? {}) as Record<string, unknown>) ?? {});
  const diff: Record<string, AuditChange> = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[key] ?? null;
    const b = to[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) diff[key] = { from: a, to: b };
  }
  return diff;
}

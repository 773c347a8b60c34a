import { DomainError } from "@/lib/errors";

export const etagFor = (version: number) => `"${version}"`;

/**
 * The version an If-Match header asks for, or undefined when the client sent none (or `*`).
 * A header that names no version of ours can never match, so it is a 412 like a stale one.
 */
export function expectedVersionFrom(request: Request): number | undefined {
  const header = request.headers.get("if-match");
  if (header === null || header.trim() === "*") return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw new DomainError(
      "precondition_failed",
      `If-Match ${header} does not name a version of this incident; use the ETag from GET.`,
    );
  }
  return Number(match[1]);
}

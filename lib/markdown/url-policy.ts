const SENTINEL = "http://same-origin.invalid";
const ALLOWED = /^(https?:|mailto:)$/;

export type UrlKind = "same-origin" | "external" | "inert";

/**
 * How Markdown may use a URL. It is resolved the way a browser resolves it (backslashes count as
 * slashes, tabs and newlines are dropped), so `//host`, `/\host` and `\\host` are other origins,
 * not paths. Only http(s) and mailto are followed; `javascript:`, `data:` and the rest are inert.
 */
export function classifyUrl(url: string): UrlKind {
  if (!url) return "inert";
  let resolved: URL;
  try {
    resolved = new URL(url, SENTINEL);
  } catch {
    return "inert";
  }
  if (!ALLOWED.test(resolved.protocol)) return "inert";
  return resolved.origin === SENTINEL ? "same-origin" : "external";
}

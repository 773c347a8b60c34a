export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A list page's query from its URL: only the keys it knows, each once, trimmed; empty ones left out, so
 * an "Any" select does not count as a filter.
 */
export function searchQuery(params: SearchParams, keys: readonly string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of keys) {
    const value = params[key];
    if (typeof value === "string" && value.trim()) query[key] = value.trim();
  }
  return query;
}

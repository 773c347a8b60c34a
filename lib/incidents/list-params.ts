/** Filters the list page keeps in its URL (the same names the API takes). */
export const LIST_FILTERS = ["status", "severity", "service", "environment", "from", "to", "q"] as const;

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * URL search params → the list query: repeated checkboxes (`status=a&status=b`) become the API's
 * comma lists, and empty fields (a blank select, an empty search box) are dropped.
 */
export function listQueryFromParams(params: SearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of [...LIST_FILTERS, "cursor"] as const) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((v) => v.trim())
      .filter(Boolean)
      .join(",");
    if (value) query[key] = value;
  }
  return query;
}

/** The same filters as a query string, without the cursor (for "first page" and sorting links). */
export function filterQueryString(query: Record<string, string>, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const key of LIST_FILTERS) if (query[key]) search.set(key, query[key]);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const hasFilters = (query: Record<string, string>) => LIST_FILTERS.some((key) => query[key]);

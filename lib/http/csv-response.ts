/**
 * A list or report asked for as CSV: `?format=csv`, or `Accept: text/csv` without a `format`. Returns
 * the query without `format` (the domain's strict query schemas do not know it) and the choice.
 */
export function readFormat(request: Request): { csv: boolean; query: Record<string, string> } {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { format, ...rest } = query;
  if (format !== undefined)
    return { csv: format === "csv", query: format === "json" || format === "csv" ? rest : query };
  const accept = request.headers.get("accept") ?? "";
  return { csv: /(^|,)\s*text\/csv\b/i.test(accept), query: rest };
}

/** A download: the browser saves it under the name, a script reads it as text/csv. */
export const csvResponse = (text: string, filename: string) =>
  new Response(text, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });

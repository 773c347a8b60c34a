import { validationError } from "@/lib/errors";

/**
 * The answer's format: `?format=<name>`, or an `Accept` naming one of the media types without a
 * `format`; JSON otherwise. Returns the query without `format` (the domain's strict query schemas do
 * not know it). An unknown `format` is a 422 rather than a silent JSON answer.
 */
export function readFormat<F extends string>(
  request: Request,
  types: Record<F, string>,
): { format: F | "json"; query: Record<string, string> } {
  const { format, ...query } = Object.fromEntries(new URL(request.url).searchParams);
  const names = Object.keys(types) as F[];
  if (format !== undefined) {
    if (format === "json" || names.includes(format as F)) return { format: format as F | "json", query };
    throw validationError([
      { path: "format", message: `Use format=json or ${names.map((n) => `format=${n}`).join(" or ")}.` },
    ]);
  }
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  const wanted = names.find((name) => accept.split(",").some((part) => part.trim().startsWith(types[name])));
  return { format: wanted ?? "json", query };
}

export const CSV = { csv: "text/csv" } as const;

/** A download: the browser saves it under the name, a script reads it as text. */
export const fileResponse = (text: string, type: string, filename: string) =>
  new Response(text, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });

export const csvResponse = (text: string, filename: string) => fileResponse(text, "text/csv", filename);

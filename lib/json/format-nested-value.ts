// The alert page shows annotations and custom details as indented JSON. Whatever was stored (rows
// from before the ingest bounds included), the printed text stays small: deeper levels, long strings
// and long lists are cut with a visible marker instead of JSON.stringify printing all of it.

export type NestedFormatLimits = { maxDepth: number; maxChars: number; maxItems: number };

export const NESTED_FORMAT_LIMITS: NestedFormatLimits = { maxDepth: 8, maxChars: 16_384, maxItems: 100 };

const STRING_CHARS = 2000;

/** `value` as indented JSON-like text of at most `maxChars` characters (plus a truncation marker). */
export function formatNestedValue(value: unknown, limits: NestedFormatLimits = NESTED_FORMAT_LIMITS): string {
  const out: string[] = [];
  let length = 0;
  let full = false;
  const emit = (text: string) => {
    if (full) return;
    if (length + text.length > limits.maxChars) {
      out.push(text.slice(0, limits.maxChars - length), "\n… (truncated)");
      full = true;
      return;
    }
    out.push(text);
    length += text.length;
  };

  const print = (item: unknown, depth: number, indent: string) => {
    if (full) return;
    if (item === null || typeof item !== "object") return emit(scalar(item));
    const isArray = Array.isArray(item);
    const entries = Object.entries(item);
    const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return emit(open + close);
    if (depth >= limits.maxDepth) return emit(`${open} … ${close}`);
    emit(open + "\n");
    const inner = indent + "  ";
    entries.slice(0, limits.maxItems).forEach(([key, child], i) => {
      emit(inner + (isArray ? "" : `${JSON.stringify(key)}: `));
      print(child, depth + 1, inner);
      emit(i < entries.length - 1 ? ",\n" : "\n");
    });
    if (entries.length > limits.maxItems) emit(`${inner}… ${entries.length - limits.maxItems} more\n`);
    emit(indent + close);
  };

  print(value, 0, "");
  return out.join("");
}

function scalar(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > STRING_CHARS ? `${value.slice(0, STRING_CHARS)}…` : value);
  if (value === undefined) return "null";
  return JSON.stringify(value) ?? String(value);
}

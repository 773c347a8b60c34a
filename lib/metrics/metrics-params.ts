const KEYS = ["range", "from", "to", "service", "environment", "severity", "interval"] as const;

/**
 * URL params of the metrics page → the metrics query: blanks dropped, and a custom from/to wins over
 * a preset range still in the URL (the form keeps the preset as a hidden field).
 */
export function metricsParams(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).trim();
    if (value) out[key] = value;
  }
  if (out.from || out.to) delete out.range;
  return out;
}

import { describe, expect, it } from "vitest";
import { formatNestedValue } from "./format-nested-value";

const nest = (levels: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe("formatNestedValue", () => {
  it("prints small values like JSON.stringify(value, null, 2)", () => {
    const value = {
      runbook: "https://x.test/r",
      details: { pods: ["a", "b"], ratio: 0.5, ok: true, none: null },
    };
    expect(formatNestedValue(value)).toBe(JSON.stringify(value, null, 2));
    expect(formatNestedValue({})).toBe("{}");
    expect(formatNestedValue([])).toBe("[]");
  });

  it("cuts levels past maxDepth with a marker, and 5,000 levels print in a few hundred characters", () => {
    const text = formatNestedValue(nest(3), { maxDepth: 2, maxChars: 1000, maxItems: 10 });
    expect(text).toBe('{\n  "a": {\n    "a": { … }\n  }\n}');
    const deep = formatNestedValue(nest(5000));
    expect(deep.length).toBeLessThan(400);
    expect(deep).toContain("{ … }");
  });

  it("caps the whole text, long strings and long lists", () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, "v".repeat(100)]));
    const text = formatNestedValue(wide, { maxDepth: 8, maxChars: 1000, maxItems: 100 });
    expect(text.length).toBeLessThanOrEqual(1000 + "\n… (truncated)".length);
    expect(text.endsWith("… (truncated)")).toBe(true);
    expect(formatNestedValue(Array.from({ length: 150 }, () => 1))).toContain("… 50 more");
    expect(formatNestedValue("y".repeat(5000)).length).toBeLessThan(2100);
  });
});

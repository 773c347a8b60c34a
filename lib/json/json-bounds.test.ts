import { describe, expect, it } from "vitest";
import { boundedJson, jsonDepth } from "./json-bounds";

const nest = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe("jsonDepth", () => {
  it("counts object and array levels, scalars being 0", () => {
    expect(jsonDepth("x")).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: 2 }], c: 3 })).toBe(3);
    expect(jsonDepth(nest(8))).toBe(8);
  });

  it("survives 100,000 levels without recursion and stops counting past the limit", () => {
    expect(jsonDepth(nest(100_000))).toBe(100_000);
    expect(jsonDepth(nest(100_000), 8)).toBe(9);
  });
});

describe("boundedJson", () => {
  it("takes 8 levels and 16 KB, refuses 9 levels or 16 KB + 1 byte", () => {
    expect(boundedJson.safeParse(nest(8)).success).toBe(true);
    expect(boundedJson.safeParse(nest(9)).error?.issues[0].message).toMatch(/more than 8 levels/);
    // '"' + 16,382 characters + '"' is 16,384 bytes of JSON.
    expect(boundedJson.safeParse("x".repeat(16_382)).success).toBe(true);
    expect(boundedJson.safeParse("x".repeat(16_383)).error?.issues[0].message).toMatch(/16 KB/);
    expect(boundedJson.safeParse(nest(50_000)).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { plainLine } from "./plain-line";

describe("plainLine", () => {
  it.each([
    ["**Root cause** found", "Root cause found"],
    [
      "Rolled back to `v2.3.0` (see [the PR](https://git.example/pr/1))",
      "Rolled back to v2.3.0 (see the PR)",
    ],
    ["- _still_ failing for ~~some~~ EU users", "still failing for some EU users"],
    ["\n\n## Update\nmore", "Update"],
    ["snake_case_name stays", "snake_case_name stays"],
    ["2 * 3 * 4", "2 * 3 * 4"],
  ])("%j → %j", (input, expected) => {
    expect(plainLine(input)).toBe(expected);
  });

  it("cuts long lines", () => {
    expect(plainLine("x".repeat(200))).toHaveLength(140);
  });
});

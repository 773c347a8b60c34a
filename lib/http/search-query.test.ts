import { describe, expect, it } from "vitest";
import { searchQuery } from "./search-query";

describe("searchQuery", () => {
  it("keeps the known keys, trimmed, and leaves out empty, repeated and unknown ones", () => {
    expect(
      searchQuery({ status: " firing ", severity: "", service: ["a", "b"], other: "x" }, [
        "status",
        "severity",
        "service",
      ]),
    ).toEqual({ status: "firing" });
  });
});

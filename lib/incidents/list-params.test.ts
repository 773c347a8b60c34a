import { describe, expect, it } from "vitest";
import { filterQueryString, hasFilters, listQueryFromParams } from "./list-params";

describe("listQueryFromParams", () => {
  it("joins repeated values, trims and drops empty ones", () => {
    expect(
      listQueryFromParams({
        status: ["declared", "investigating"],
        severity: "SEV1",
        service: "",
        environment: "  ",
        q: " checkout ",
        cursor: "abc",
        other: "x",
      }),
    ).toEqual({
      status: "declared,investigating",
      severity: "SEV1",
      q: "checkout",
      cursor: "abc",
    });
  });
  it("builds a query string of the filters only", () => {
    expect(filterQueryString({ status: "declared,mitigated", cursor: "abc", q: "a b" })).toBe(
      "?status=declared%2Cmitigated&q=a+b",
    );
    expect(filterQueryString({}, { cursor: "x" })).toBe("?cursor=x");
    expect(filterQueryString({})).toBe("");
    expect(hasFilters({ cursor: "x" })).toBe(false);
    expect(hasFilters({ q: "x" })).toBe(true);
  });
});

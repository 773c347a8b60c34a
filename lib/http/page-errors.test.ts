import { describe, expect, it } from "vitest";
import { DomainError, notFound, validationError } from "@/lib/errors";
import { catchInvalid, toPageLoad } from "./page-errors";

const digestOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { digest?: string }).digest;
  }
  return "returned";
};

describe("toPageLoad", () => {
  it("turns forbidden into a refusal carrying the role and the use case's message", () => {
    const refusal = toPageLoad(
      new DomainError("forbidden", "Your role (viewer) may not manage users; it needs admin."),
      "viewer",
    );
    expect(refusal).toEqual({
      allowed: false,
      role: "viewer",
      message: "Your role (viewer) may not manage users; it needs admin.",
    });
  });

  it("turns not found into Next's 404", () => {
    expect(digestOf(() => toPageLoad(notFound("Incident INC-1999-0001"), "viewer"))).toMatch(/404/);
  });

  it("rethrows everything else unchanged", () => {
    const invalid = validationError([{ path: "title", message: "Required." }]);
    expect(() => toPageLoad(invalid, "admin")).toThrow(invalid);
    const crash = new Error("database went away");
    expect(() => toPageLoad(crash, "admin")).toThrow(crash);
  });
});

describe("catchInvalid", () => {
  it("hands back the value, or the validation error as a problem", async () => {
    expect(await catchInvalid(Promise.resolve(3))).toEqual({ value: 3, problem: null });
    const invalid = validationError([{ path: "from", message: "Not a date." }]);
    expect(await catchInvalid(Promise.reject(invalid))).toEqual({ value: null, problem: invalid });
  });

  it("lets any other error through", async () => {
    const forbidden = new DomainError("forbidden", "No.");
    await expect(catchInvalid(Promise.reject(forbidden))).rejects.toBe(forbidden);
  });
});

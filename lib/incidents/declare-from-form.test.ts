import { describe, expect, it } from "vitest";
import { datetimeLocalFromUtc, utcFromDatetimeLocal } from "@/lib/datetime-local";
import { declareFromForm, explainEmptyFields } from "./declare-from-form";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe("declareFromForm", () => {
  it("reads every field, repeats services and reads the impact start as UTC", () => {
    const input = declareFromForm(
      form([
        ["title", "Checkout failing"],
        ["severity", "SEV2"],
        ["services", "checkout-api"],
        ["services", "payment-service"],
        ["environment", "production"],
        ["description", "Since the deploy"],
        ["commanderId", "user_def456"],
        ["impactStartedAt", "2026-03-15T14:32"],
      ]),
    );
    expect(input).toEqual({
      title: "Checkout failing",
      severity: "SEV2",
      services: ["checkout-api", "payment-service"],
      environment: "production",
      description: "Since the deploy",
      commanderId: "user_def456",
      impactStartedAt: "2026-03-15T14:32:00Z",
    });
  });

  it("leaves empty optional controls out instead of sending blanks", () => {
    const input = declareFromForm(
      form([
        ["title", ""],
        ["severity", ""],
        ["environment", ""],
        ["description", "  \n"],
        ["commanderId", ""],
        ["impactStartedAt", " "],
      ]),
    );
    expect(input).toEqual({
      title: "",
      severity: undefined,
      services: [],
      environment: "",
      description: undefined,
      commanderId: undefined,
      impactStartedAt: undefined,
    });
  });

  it("rewords errors only for required controls left empty", () => {
    const errors = {
      title: "Too small: expected string to have >=3 characters",
      severity: "Invalid option",
      services: "Too small",
    };
    const explained = explainEmptyFields(
      errors,
      form([
        ["title", "ab"],
        ["severity", ""],
      ]),
    );
    expect(explained).toEqual({ title: errors.title, severity: "Choose a severity.", services: "Too small" });
    expect(errors.severity).toBe("Invalid option");
  });
});

describe("datetime-local in UTC", () => {
  it("adds seconds and the zone to a minute or second value, and passes anything else on", () => {
    expect(utcFromDatetimeLocal("2026-03-15T14:32")).toBe("2026-03-15T14:32:00Z");
    expect(utcFromDatetimeLocal(" 2026-03-15T14:32:09.5 ")).toBe("2026-03-15T14:32:09.5Z");
    expect(utcFromDatetimeLocal("2026-03-15T14:32:00+02:00")).toBe("2026-03-15T14:32:00+02:00");
    expect(utcFromDatetimeLocal("yesterday")).toBe("yesterday");
  });

  it("shows an instant to the minute in UTC, the inverse of reading it", () => {
    expect(datetimeLocalFromUtc("2026-03-15T14:32:59.999Z")).toBe("2026-03-15T14:32");
    expect(datetimeLocalFromUtc("2026-03-15T16:32:00+02:00")).toBe("2026-03-15T14:32");
    expect(utcFromDatetimeLocal(datetimeLocalFromUtc("2026-03-15T14:32:00.000Z"))).toBe(
      "2026-03-15T14:32:00Z",
    );
  });
});

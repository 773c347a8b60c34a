import { describe, expect, it } from "vitest";
import { overrideFromForm, serviceFromForm } from "./service-from-form";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

describe("serviceFromForm", () => {
  it("keeps the people in the order the form lists them and reads the start as UTC", () => {
    const parsed = serviceFromForm(
      form([
        ["slug", "payment-service"],
        ["ownerTeam", " Payments "],
        ["userIds", "u2"],
        ["userIds", "u1"],
        ["handoffHours", "168"],
        ["startsAt", "2026-03-02T09:00"],
      ]),
    );
    expect(parsed).toEqual({
      slug: "payment-service",
      input: {
        ownerTeam: "Payments",
        onCall: { userIds: ["u2", "u1"], handoffHours: 168, startsAt: "2026-03-02T09:00:00Z" },
      },
    });
  });

  it("turns the rotation off when nobody is left, and clears an empty owner team", () => {
    expect(
      serviceFromForm(
        form([
          ["slug", "x"],
          ["ownerTeam", ""],
          ["handoffHours", "24"],
        ]),
      ).input,
    ).toEqual({ ownerTeam: null, onCall: null });
  });

  it("passes a non-number of hours on for the schema to refuse", () => {
    expect(
      serviceFromForm(
        form([
          ["userIds", "u1"],
          ["handoffHours", "a week"],
          ["startsAt", ""],
        ]),
      ).input.onCall,
    ).toMatchObject({ handoffHours: "a week", startsAt: "" });
  });
});

describe("overrideFromForm", () => {
  it("reads both ends as UTC", () => {
    expect(
      overrideFromForm(
        form([
          ["slug", "s"],
          ["userId", "u1"],
          ["startsAt", "2026-03-02T09:00"],
          ["endsAt", "2026-03-03T09:00"],
        ]),
      ),
    ).toEqual({
      slug: "s",
      input: { userId: "u1", startsAt: "2026-03-02T09:00:00Z", endsAt: "2026-03-03T09:00:00Z" },
    });
  });
});

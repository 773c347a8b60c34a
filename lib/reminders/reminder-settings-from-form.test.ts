import { describe, expect, it } from "vitest";
import { reminderSettingsFromForm } from "./reminder-settings-from-form";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe("reminderSettingsFromForm", () => {
  it("reads minutes per severity; an empty field turns that reminder off", () => {
    expect(reminderSettingsFromForm(form({ SEV1: "10", SEV2: " 30 ", SEV3: "", SEV4: "" }))).toEqual({
      updateIntervalMinutes: { SEV1: 10, SEV2: 30, SEV3: null, SEV4: null },
    });
  });
  it("hands anything else on as typed, for the use case to refuse with its own message", () => {
    expect(reminderSettingsFromForm(form({ SEV1: "1.5", SEV2: "soon" })).updateIntervalMinutes).toMatchObject(
      { SEV1: "1.5", SEV2: "soon" },
    );
  });
});

import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { workflowFromForm } from "./workflow-from-form";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

describe("workflowFromForm", () => {
  it("reads the fields, the actions JSON and the enabled checkbox", () => {
    expect(
      workflowFromForm(
        form({
          name: "W",
          trigger: "alert_fired",
          condition: "severity = critical",
          actions: '[{"type":"create_incident","severity":"SEV1"}]',
          enabled: "on",
        }),
      ),
    ).toEqual({
      name: "W",
      trigger: "alert_fired",
      condition: "severity = critical",
      actions: [{ type: "create_incident", severity: "SEV1" }],
      enabled: true,
    });
    expect(workflowFromForm(form({ name: "W" }))).toMatchObject({
      actions: [],
      enabled: false,
      condition: "",
    });
  });

  it("turns unreadable actions into a validation error on actions", () => {
    expect(() => workflowFromForm(form({ actions: "{oops" }))).toThrow(DomainError);
    try {
      workflowFromForm(form({ actions: "{oops" }));
    } catch (error) {
      expect((error as DomainError).errors).toEqual([
        { path: "actions", message: "The actions could not be read; reload the page and try again." },
      ]);
    }
  });
});

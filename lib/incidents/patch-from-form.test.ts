import { describe, expect, it } from "vitest";
import { patchFromForm } from "./patch-from-form";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe("patchFromForm", () => {
  it("sends only the fields present, unassigns on an empty person, repeats services", () => {
    const { patch, expectedVersion } = patchFromForm(
      form([
        ["version", "4"],
        ["severity", "SEV2"],
        ["commanderId", ""],
        ["services", "a"],
        ["services", "b"],
        ["description", ""],
      ]),
    );
    expect(patch).toEqual({ severity: "SEV2", commanderId: null, services: ["a", "b"], description: "" });
    expect(expectedVersion).toBe(4);
  });

  it("leaves the impact start alone when the shown minute was not changed", () => {
    const unchanged = patchFromForm(
      form([
        ["impactStartedAt", "2026-03-15T14:32"],
        ["impactStartedAtShown", "2026-03-15T14:32"],
        ["title", "x y z"],
      ]),
    );
    expect(unchanged.patch).toEqual({ title: "x y z" });
    const changed = patchFromForm(
      form([
        ["impactStartedAt", "2026-03-15T14:20"],
        ["impactStartedAtShown", "2026-03-15T14:32"],
      ]),
    );
    expect(changed.patch).toEqual({ impactStartedAt: "2026-03-15T14:20:00Z" });
    // A browser that shows seconds sends them; the value is still UTC.
    const withSeconds = patchFromForm(
      form([
        ["impactStartedAt", "2026-03-15T14:20:30"],
        ["impactStartedAtShown", "2026-03-15T14:32"],
      ]),
    );
    expect(withSeconds.patch).toEqual({ impactStartedAt: "2026-03-15T14:20:30Z" });
  });

  it("refuses a version that is not a number", () => {
    expect(() => patchFromForm(form([["version", "abc"]]))).toThrow(/invalid fields/);
  });
});

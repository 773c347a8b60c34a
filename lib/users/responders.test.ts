import { describe, expect, it } from "vitest";
import { respondersOf } from "./responders";

const users = [
  { id: "u1", role: "admin" },
  { id: "u2", role: "viewer" },
  { id: "u3", role: "responder" },
];

describe("respondersOf", () => {
  it("offers responders and admins, in the order given", () => {
    expect(respondersOf(users).map((u) => u.id)).toEqual(["u1", "u3"]);
  });

  it("keeps the current holder listed even as a viewer", () => {
    expect(respondersOf(users, "u2").map((u) => u.id)).toEqual(["u1", "u2", "u3"]);
    expect(respondersOf(users, null).map((u) => u.id)).toEqual(["u1", "u3"]);
  });
});

import { describe, expect, it } from "vitest";
import { type Actor, assertRole, hasRole } from "./actor";

const as = (role: Actor["role"]): Actor => ({ type: "user", userId: `user_${role}`, name: role, role });

describe("hasRole", () => {
  it("follows the rank: admin ⊃ responder ⊃ viewer", () => {
    expect([
      hasRole(as("viewer"), "viewer"),
      hasRole(as("viewer"), "responder"),
      hasRole(as("viewer"), "admin"),
    ]).toEqual([true, false, false]);
    expect([
      hasRole(as("responder"), "viewer"),
      hasRole(as("responder"), "responder"),
      hasRole(as("responder"), "admin"),
    ]).toEqual([true, true, false]);
    expect([
      hasRole(as("admin"), "viewer"),
      hasRole(as("admin"), "responder"),
      hasRole(as("admin"), "admin"),
    ]).toEqual([true, true, true]);
  });

  it("accepts a token or a catalog user row, and gives an unknown role nothing", () => {
    const token: Actor = { type: "token", tokenName: "ci", role: "responder" };
    expect(hasRole(token, "responder")).toBe(true);
    expect(hasRole({ role: "responder" }, "admin")).toBe(false);
    expect(hasRole({ role: "owner" }, "viewer")).toBe(false);
    expect(hasRole({ role: "toString" }, "viewer")).toBe(false);
  });

  it("agrees with assertRole", () => {
    expect(() => assertRole(as("viewer"), "responder", "declare incidents")).toThrow(
      /viewer\) may not declare incidents; it needs responder/,
    );
    expect(() => assertRole(as("responder"), "responder", "declare incidents")).not.toThrow();
  });
});

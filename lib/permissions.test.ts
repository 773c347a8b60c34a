import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { authorize, can, canRespond, PERMISSIONS, ROLE_PERMISSIONS } from "./permissions";

const as = (role: Actor["role"]): Actor => ({ type: "user", userId: `user_${role}`, name: role, role });
const granted = (role: Actor["role"]) => PERMISSIONS.filter((p) => can(as(role), p));

describe("the permission table", () => {
  it("names each permission once, as <resource>.<verb>", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    for (const p of PERMISSIONS) expect(p).toMatch(/^[a-z-]+\.[a-z]+$/);
  });

  it("nests the roles: admin ⊇ responder ⊇ viewer, each adding something", () => {
    const [viewer, responder, admin] = [granted("viewer"), granted("responder"), granted("admin")];
    expect(responder).toEqual(expect.arrayContaining(viewer));
    expect(admin).toEqual(expect.arrayContaining(responder));
    expect(responder.length).toBeGreaterThan(viewer.length);
    expect(admin).toEqual(PERMISSIONS);
  });

  it("lets a viewer read and never write", () => {
    expect(granted("viewer").every((p) => p.endsWith(".read"))).toBe(true);
    expect(can(as("viewer"), "incidents.declare")).toBe(false);
  });

  it("keeps people and secrets to admins", () => {
    for (const p of [
      "users.manage",
      "tokens.manage",
      "webhooks.manage",
      "settings.manage",
      "audit.read",
      "mail.read",
    ] as const) {
      expect(ROLE_PERMISSIONS.find((row) => row.action === p)?.roles).toEqual(["admin"]);
      expect(can(as("responder"), p)).toBe(false);
    }
  });

  it("accepts a token or a catalog user row, and gives an unknown role nothing", () => {
    const token: Actor = { type: "token", tokenName: "ci", tokenId: "tok-ci", role: "responder", scopes: null };
    expect(can(token, "alerts.send")).toBe(true);
    expect(can({ role: "owner" }, "incidents.read")).toBe(false);
    expect(can({ role: "toString" }, "incidents.read")).toBe(false);
    expect(canRespond({ role: "viewer" })).toBe(false);
    expect(canRespond({ role: "responder" })).toBe(true);
  });
});

describe("authorize", () => {
  it("refuses with the role, what was refused and the least role that may", () => {
    expect(() => authorize(as("viewer"), "incidents.declare")).toThrow(
      "Your role (viewer) may not declare incidents; it needs responder.",
    );
    expect(() => authorize(as("responder"), "users.manage")).toThrow(
      "Your role (responder) may not manage users; it needs admin.",
    );
    expect(() => authorize(as("responder"), "incidents.declare")).not.toThrow();
  });

  it("throws the forbidden domain error (403)", () => {
    try {
      authorize(as("viewer"), "alerts.send");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "forbidden" });
    }
  });
});

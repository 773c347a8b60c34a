import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { DomainError } from "./errors";
import {
  authorize,
  can,
  canRespond,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  rolesOfScope,
  SCOPES,
} from "./permissions";

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
    const token: Actor = {
      type: "token",
      tokenName: "ci",
      tokenId: "tok-ci",
      role: "responder",
      scopes: null,
    };
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

describe("token scopes", () => {
  const token = (role: Actor["role"], scopes: string[] | null): Actor => ({
    type: "token",
    tokenName: "t",
    tokenId: "tok-t",
    role,
    scopes,
  });

  it("gives every permission one <resource>:read|write scope, reads never sharing one with writes", () => {
    for (const row of ROLE_PERMISSIONS) {
      expect(row.scope).toMatch(/^[a-z-]+:(read|write)$/);
      expect(row.scope.endsWith(":read")).toBe(row.action.endsWith(".read"));
      expect(row.scope.split(":")[0]).toBe(row.action.split(".")[0]);
    }
    expect(SCOPES).toEqual([...new Set(ROLE_PERMISSIONS.map((row) => row.scope))]);
    expect(ROLE_PERMISSIONS.filter((row) => row.scope === "alerts:write").map((row) => row.action)).toEqual([
      "alerts.send",
    ]);
    expect(rolesOfScope("alerts:write")).toEqual(["responder", "admin"]);
    expect(rolesOfScope("tokens:write")).toEqual(["admin"]);
  });

  it("limits a scoped token to its scopes' permissions and refuses every other, naming the scope", () => {
    const integration = token("admin", ["alerts:write"]);
    expect(PERMISSIONS.filter((p) => can(integration, p))).toEqual(["alerts.send"]);
    for (const p of PERMISSIONS.filter((p) => p !== "alerts.send")) {
      const row = ROLE_PERMISSIONS.find((r) => r.action === p)!;
      expect(() => authorize(integration, p)).toThrow(DomainError);
      expect(() => authorize(integration, p)).toThrow(`lacks the scope ${row.scope}`);
    }
    expect(() => authorize(integration, "alerts.send")).not.toThrow();
  });

  it("still applies the role (scope ∩ role), and a null scope list is the whole role", () => {
    const viewer = token("viewer", ["incidents:read", "incidents:write"]);
    expect(can(viewer, "incidents.read")).toBe(true);
    expect(can(viewer, "incidents.declare")).toBe(false);
    expect(() => authorize(viewer, "incidents.declare")).toThrow("Your role (viewer)");
    expect(PERMISSIONS.filter((p) => can(token("responder", null), p))).toEqual(granted("responder"));
    expect(PERMISSIONS.some((p) => can(token("admin", []), p))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { auditDiff, isSecretKey, REDACTED, redactUrl, sanitize } from "./audit-diff";

describe("auditDiff", () => {
  it("lists only changed fields, nested ones by dotted path", () => {
    expect(
      auditDiff(
        { role: "viewer", name: "Ann", autoGenerate: { SEV1: true, SEV2: true } },
        { role: "admin", name: "Ann", autoGenerate: { SEV1: true, SEV2: false } },
      ),
    ).toEqual({ role: { from: "viewer", to: "admin" }, "autoGenerate.SEV2": { from: true, to: false } });
  });

  it("is the record against nothing for a creation or a deletion, dates as ISO strings", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    expect(auditDiff(undefined, { name: "ci", expiresAt: at, note: null })).toEqual({
      name: { from: null, to: "ci" },
      expiresAt: { from: null, to: "2026-03-01T10:00:00.000Z" },
    });
    expect(auditDiff({ name: "ci" }, undefined)).toEqual({ name: { from: "ci", to: null } });
  });

  it("compares arrays and objects by value", () => {
    expect(auditDiff({ events: ["a", "b"] }, { events: ["a", "b"] })).toEqual({});
    expect(auditDiff({ events: ["a"] }, { events: ["a", "b"] })).toEqual({
      events: { from: ["a"], to: ["a", "b"] },
    });
  });
});

describe("secrets", () => {
  it("redacts secret fields by name, however they are written", () => {
    for (const key of [
      "secret",
      "secretHash",
      "secret_hash",
      "password",
      "passwordHash",
      "newPassword",
      "token",
    ])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ["name", "role", "tokenName", "expiresAt", "events"])
      expect(isSecretKey(key), key).toBe(false);
    expect(sanitize({ name: "x", password: "hunter2hunter2", nested: { secret: "s" } })).toEqual({
      name: "x",
      password: REDACTED,
      nested: { secret: REDACTED },
    });
  });

  it("redacts values shaped like tokens, signing keys and hashes under any name", () => {
    expect(sanitize({ note: `imt_${"a".repeat(43)}` })).toEqual({ note: REDACTED });
    expect(sanitize({ note: "whsec_abc" })).toEqual({ note: REDACTED });
    expect(sanitize({ note: "f".repeat(64) })).toEqual({ note: REDACTED });
    expect(sanitize({ note: "imt_ab" })).toEqual({ note: "imt_ab" });
  });

  it("keeps a webhook URL's origin and a fingerprint, never its path", () => {
    const url = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    expect(redactUrl(url)).toMatch(/^https:\/\/hooks\.slack\.com\/… \(#[0-9a-f]{8}\)$/);
    expect(redactUrl(url)).not.toContain("XXXX");
    expect(redactUrl(url)).not.toBe(redactUrl(`${url}2`));
    expect(redactUrl("https://example.com")).toBe("https://example.com");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { clientIp, untrustedClientAddress, safeReturnPath } from "./request-info";

describe("safeReturnPath", () => {
  it.each([
    ["/incidents/INC-2026-0001?tab=timeline", "/incidents/INC-2026-0001?tab=timeline"],
    ["/settings/tokens", "/settings/tokens"],
    ["//evil.example", "/incidents"],
    ["/\\evil.example", "/incidents"],
    ["/\t/evil.example", "/incidents"],
    ["/\n/evil.example", "/incidents"],
    ["https://evil.example/", "/incidents"],
    ["javascript:alert(1)", "/incidents"],
    [undefined, "/incidents"],
  ])("%j → %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY;
  });
  it("ignores X-Forwarded-For unless a trusted proxy sets it", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.77" }))).toBeNull();
    process.env.TRUST_PROXY = "1";
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.77" }))).toBe("198.51.100.77");
  });
});

describe("untrustedClientAddress", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY;
  });
  it("is the claimed address without a trusted proxy, and nothing behind one (clientIp is used there)", () => {
    expect(untrustedClientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.77" }))).toBe(
      "198.51.100.77",
    );
    expect(untrustedClientAddress(new Headers())).toBeNull();
    process.env.TRUST_PROXY = "1";
    expect(untrustedClientAddress(new Headers({ "x-forwarded-for": "198.51.100.77" }))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, servedOverHttps } from "@/lib/security/headers";

describe("contentSecurityPolicy", () => {
  it("allows only our own scripts, by nonce, and nothing from other hosts", () => {
    expect(contentSecurityPolicy("abc123")).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    );
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(contentSecurityPolicy("n", { development: true })).toContain(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';",
    );
    expect(contentSecurityPolicy("n")).not.toContain("unsafe-eval");
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("servedOverHttps", () => {
  it("is true when the public URL is https", () => {
    expect(servedOverHttps(null, { BETTER_AUTH_URL: "https://incidents.example.com" })).toBe(true);
  });

  it("believes X-Forwarded-Proto only behind a trusted proxy", () => {
    expect(servedOverHttps("https", {})).toBe(false);
    expect(servedOverHttps("https", { TRUST_PROXY: "1" })).toBe(true);
    expect(servedOverHttps("HTTPS, http", { TRUST_PROXY: "1" })).toBe(true);
    expect(servedOverHttps("http", { TRUST_PROXY: "1" })).toBe(false);
    expect(servedOverHttps(null, { TRUST_PROXY: "1", BETTER_AUTH_URL: "http://localhost:3000" })).toBe(false);
  });
});

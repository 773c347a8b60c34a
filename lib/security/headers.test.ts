import { describe, expect, it } from "vitest";
// @ts-expect-error -- untyped: the path-to-regexp Next itself compiles header sources with.
import { pathToRegexp } from "next/dist/compiled/path-to-regexp";
import { config } from "@/proxy";
import {
  contentSecurityPolicy,
  createNonce,
  NON_PAGE_CSP,
  NON_PAGE_SOURCES,
  servedOverHttps,
} from "@/lib/security/headers";

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

describe("a CSP on every path", () => {
  const proxied = new RegExp(`^${config.matcher[0]}$`);
  const nonPage: RegExp[] = NON_PAGE_SOURCES.map((source) => pathToRegexp(source));
  it.each([
    ["/incidents", "page"],
    ["/login", "page"],
    ["/", "page"],
    ["/alerts/alt_1", "page"],
    ["/api/health", "static"],
    ["/api/dashboard/incidents/INC-2026-0001/events", "static"],
    ["/_next/static/chunks/main.js", "static"],
    ["/_next/image", "static"],
    ["/favicon.ico", "static"],
    ["/icons/logo.svg", "static"],
    ["/robots.txt", "static"],
    ["/status", "status page's"],
    ["/status/acme", "status page's"],
    ["/status/acme/api/summary.json", "status page's"],
  ])("%s gets exactly one policy: the %s one", (path, which) => {
    const byProxy = proxied.test(path);
    const byConfig = nonPage.some((re) => re.test(path));
    // Status pages set STATUS_PAGE_CSP themselves (lib/status-pages/serve-public-page.ts).
    const expected = { page: [true, false], static: [false, true], "status page's": [false, false] }[which];
    expect([byProxy, byConfig]).toEqual(expected);
  });

  it("locks everything else down", () => {
    expect(NON_PAGE_CSP).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
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

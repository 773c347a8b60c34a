import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

const policy = (header: string | undefined) =>
  Object.fromEntries(
    (header ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name, values]),
  );

test("every page carries a nonce-based CSP that matches its scripts", async ({ request }) => {
  for (const path of ["/login", "/login?next=%2Fincidents%2Fmetrics"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const csp = policy(res.headers()["content-security-policy"]);
    const nonce = csp["script-src"].find((v: string) => v.startsWith("'nonce-"))!.slice(7, -1);
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(csp).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "object-src": ["'none'"],
    });
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // Plain http without a trusted proxy: no HSTS.
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
  }
  const first = (await request.get("/login")).headers()["content-security-policy"];
  const second = (await request.get("/login")).headers()["content-security-policy"];
  expect(first).not.toBe(second);
});

test("signed-in pages, redirects and the API carry the security headers", async ({ page, request }) => {
  const redirect = await request.get("/incidents", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  for (const path of ["/api/health", "/api/openapi.json", "/api/dashboard/incidents", "/api/nothing-here"]) {
    const res = await request.get(path);
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers()["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(res.headers()["strict-transport-security"], path).toBeUndefined();
    // A CSP on every path: what the proxy does not see gets a locked-down one (one header, not two).
    expect(res.headers()["content-security-policy"], path).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  }
  const login = await (await request.get("/login")).text();
  const chunk = login.match(/<script[^>]+src="(\/_next\/static\/[^"]+)"/)![1];
  const asset = await request.get(chunk);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  const behindTls = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toBe("max-age=31536000");

  await signIn(page, "admin");
  for (const path of [
    "/incidents",
    "/incidents/new",
    "/incidents/metrics",
    "/settings/tokens",
    "/settings/users",
  ]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(200);
    const headers = await res!.allHeaders();
    expect(headers["content-security-policy"], path).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }
});

test("under the CSP the pages hydrate: client-side interactions work", async ({ page }) => {
  await signIn(page, "responder");
  await page.goto("/incidents");
  // The `d` shortcut is client-side JavaScript: it only works once React has hydrated. On a busy
  // machine the first press can come before hydration, so it is pressed until it works (or never does).
  await expect(async () => {
    await page.locator("body").press("d");
    await expect(page).toHaveURL(/\/incidents\/new$/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});

import { expect, test } from "./support/test";

// Through the real server: Next must use the routes' own 405 and OPTIONS handlers, not its empty defaults.
test("an unsupported method answers 405 problem+json with Allow; OPTIONS lists the real methods", async ({
  request,
}) => {
  const deleted = await request.delete("/api/health");
  expect(deleted.status()).toBe(405);
  expect(deleted.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect(deleted.headers()["content-type"]).toBe("application/problem+json");
  expect(await deleted.json()).toMatchObject({
    status: 405,
    title: "Method not allowed",
    instance: "/api/health",
  });

  const put = await request.put("/api/dashboard/incidents", { data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers()["allow"]).toBe("GET, HEAD, POST, OPTIONS");

  const head = await request.head("/api/settings/users/user_x");
  expect(head.status()).toBe(405);
  expect(head.headers()["allow"]).toBe("PATCH, OPTIONS");

  const options = await request.fetch("/api/dashboard/incidents/INC-2026-0001/links", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers()["allow"]).toBe("GET, HEAD, POST, PATCH, DELETE, OPTIONS");

  // The catch-all still answers unknown paths in the API's language.
  const unknown = await request.get("/api/nothing-here");
  expect(unknown.status()).toBe(401);
  expect(unknown.headers()["content-type"]).toBe("application/problem+json");
});

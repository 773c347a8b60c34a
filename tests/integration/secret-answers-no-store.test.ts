import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as webhooks from "@/app/api/webhooks/route";
import * as webhook from "@/app/api/webhooks/[id]/route";
import * as tokenList from "@/app/api/settings/tokens/route";
import * as users from "@/app/api/settings/users/route";
import { call, resetDatabase } from "@/tests/support/harness";

// Review finding 7: the webhook creation answer (its signing secret) lacked Cache-Control: no-store.
// Every answer carrying a secret says no-store; refusals carry none of it.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  // The receiver is never called here; a local address needs no DNS.
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
  await resetDatabase();
});

afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
});

describe("answers carrying a secret", () => {
  it("are sent Cache-Control: no-store: webhook creation, read and change, token and user creation", async () => {
    const created = await call(webhooks.POST, "/api/webhooks", {
      method: "POST",
      as: "admin",
      body: { url: "http://127.0.0.1:9/in", events: ["incident.declared"] },
    });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_/);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const id = created.json.id as string;
    for (const res of [
      await call(webhooks.GET, "/api/webhooks", { as: "admin" }),
      await call(webhook.GET, `/api/webhooks/${id}`, { as: "admin", params: { id } }),
      await call(webhook.PATCH, `/api/webhooks/${id}`, {
        method: "PATCH",
        as: "admin",
        params: { id },
        body: { description: "ops" },
      }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }

    const token = await call(tokenList.POST, "/api/settings/tokens", {
      method: "POST",
      as: "admin",
      body: { name: "ci", role: "responder" },
    });
    expect(token.status).toBe(201);
    expect(token.headers.get("cache-control")).toBe("no-store");
    const user = await call(users.POST, "/api/settings/users", {
      method: "POST",
      as: "admin",
      body: { name: "Sam Lee", email: "sam@example.com", role: "viewer" },
    });
    expect(user.status).toBe(201);
    expect(user.headers.get("cache-control")).toBe("no-store");

    const refused = await call(webhooks.POST, "/api/webhooks", { method: "POST", as: "admin", body: {} });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("cache-control")).toBeNull();
  });
});

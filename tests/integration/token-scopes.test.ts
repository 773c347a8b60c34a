import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as incidents from "@/app/api/dashboard/incidents/route";
import * as alertmanager from "@/app/api/integrations/alertmanager/route";
import * as pagerduty from "@/app/api/integrations/pagerduty/v2/enqueue/route";
import * as tokenList from "@/app/api/settings/tokens/route";
import { call, queryRows, resetDatabase, tokens, validIncident } from "@/tests/support/harness";

// Issue 26: an Alertmanager bearer or a PagerDuty routing_key was a full API token. A token may now be
// limited to scopes (decision 0116); a scoped token gets only what its scopes and its role both allow.

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/alerts/${name}.json`, "utf8"));
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const count = async (table: "api_tokens" | "incidents" | "alerts") =>
  Number((await queryRows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0].n);

async function createToken(body: Record<string, unknown>) {
  return call(tokenList.POST, "/api/settings/tokens", { method: "POST", as: "admin", body });
}
async function scopedSecret(name: string, role: string, scopes: string[] | null) {
  const created = await createToken({ name, role, scopes });
  expect(created.status).toBe(201);
  return created.json.secret as string;
}
const declare = (secret: string) =>
  call(incidents.POST, "/api/dashboard/incidents", {
    method: "POST",
    headers: bearer(secret),
    body: validIncident,
  });
const listIncidents = (secret: string) =>
  call(incidents.GET, "/api/dashboard/incidents", { headers: bearer(secret) });

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("tokens with scopes", () => {
  it("an alerts:write token sends alerts from every source and is refused incidents and alert reads", async () => {
    const created = await createToken({
      name: "alertmanager-prod",
      role: "responder",
      scopes: ["alerts:write"],
    });
    expect(created.status).toBe(201);
    expect(created.json.scopes).toEqual(["alerts:write"]);
    const secret = created.json.secret as string;
    const [audit] = await queryRows<{ diff: Record<string, { to: unknown }> }>(
      sql`select diff from audit_events where action = 'token.created' and target_name = 'alertmanager-prod'`,
    );
    expect(audit.diff.scopes.to).toEqual(["alerts:write"]);

    const am = await call(alertmanager.POST, "/api/integrations/alertmanager", {
      method: "POST",
      headers: bearer(secret),
      body: fixture("alertmanager-firing"),
    });
    expect(am.status).toBe(200);
    expect(am.json.received).toBe(1);
    const pdBody = { ...fixture("pagerduty-trigger"), routing_key: secret };
    const pd = await call(pagerduty.POST, "/api/integrations/pagerduty/v2/enqueue", {
      method: "POST",
      as: "anonymous",
      body: pdBody,
    });
    expect(pd.status).toBe(202);
    // The repeat takes the cached-token path: it too must hold alerts:write (it does).
    const repeat = await call(pagerduty.POST, "/api/integrations/pagerduty/v2/enqueue", {
      method: "POST",
      as: "anonymous",
      body: pdBody,
    });
    expect(repeat.status).toBe(202);
    const native = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      headers: bearer(secret),
      body: {
        title: "Disk full",
        service: "db",
        environment: "production",
        severity: "warning",
        status: "firing",
        dedupKey: "disk-db-1",
      },
    });
    expect(native.status).toBe(201);
    expect(await count("alerts")).toBe(3);

    for (const refused of [
      await listIncidents(secret),
      await declare(secret),
      await call(alertsRoute.GET, "/api/alerts", { headers: bearer(secret) }),
    ]) {
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(refused.json.detail).toMatch(/lacks the scope [a-z-]+:(read|write)/);
    }
    expect((await declare(secret)).json.missingScope).toBe("incidents:write");
    expect(await count("incidents")).toBe(0);
  });

  it("an incidents:read token reads incidents but cannot declare one; a legacy token keeps its whole role", async () => {
    const reader = await scopedSecret("dashboard-reader", "responder", ["incidents:read"]);
    expect((await listIncidents(reader)).status).toBe(200);
    const refused = await declare(reader);
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain("incidents:write");
    expect(await count("incidents")).toBe(0);

    // The harness's tokens were made without scopes: null, everything a responder may do.
    const legacy = await declare(tokens.responder);
    expect(legacy.status).toBe(201);
    expect((await listIncidents(tokens.responder)).json.items).toHaveLength(1);
    const listed = await call(tokenList.GET, "/api/settings/tokens", { as: "admin" });
    const byName = Object.fromEntries(
      (listed.json.items as { name: string; scopes: string[] | null }[]).map((t) => [t.name, t.scopes]),
    );
    expect(byName["test-responder"]).toBeNull();
    expect(byName["dashboard-reader"]).toEqual(["incidents:read"]);

    // Scope ∩ role: incidents:write on a viewer token is refused at creation, and a viewer's
    // incidents:read token cannot write whatever it holds.
    const viewerReader = await scopedSecret("viewer-reader", "viewer", ["incidents:read"]);
    expect((await declare(viewerReader)).json.detail).toContain("Your role (viewer)");
  });

  it("refuses an unknown scope, a scope the role cannot use or an empty list with 422, creating nothing", async () => {
    const before = await count("api_tokens");
    for (const [body, path] of [
      [{ name: "bad-1", role: "responder", scopes: ["alerts:admin"] }, "scopes.0"],
      [{ name: "bad-2", role: "viewer", scopes: ["incidents:read", "alerts:write"] }, "scopes.1"],
      [{ name: "bad-3", role: "responder", scopes: ["tokens:write"] }, "scopes.0"],
      [{ name: "bad-4", role: "responder", scopes: [] }, "scopes"],
      [{ name: "bad-5", role: "responder", scopes: "alerts:write" }, "scopes"],
    ] as const) {
      const refused = await createToken(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(refused.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count("api_tokens")).toBe(before);
  });

  it("a scoped token that may manage tokens only hands on scopes it holds", async () => {
    const manager = await scopedSecret("token-robot", "admin", ["tokens:write", "alerts:write"]);
    const before = await count("api_tokens");
    const post = (body: Record<string, unknown>) =>
      call(tokenList.POST, "/api/settings/tokens", { method: "POST", headers: bearer(manager), body });
    expect((await post({ name: "wider", role: "responder" })).status).toBe(403);
    expect((await post({ name: "wider-2", role: "responder", scopes: ["incidents:write"] })).status).toBe(
      403,
    );
    expect(await count("api_tokens")).toBe(before);
    const narrower = await post({ name: "grafana", role: "responder", scopes: ["alerts:write"] });
    expect(narrower.status).toBe(201);
    expect(narrower.json.scopes).toEqual(["alerts:write"]);
  });
});

import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as alertmanager from "@/app/api/integrations/alertmanager/route";
import * as pagerduty from "@/app/api/integrations/pagerduty/v2/enqueue/route";
import { call, queryRows, resetDatabase, tokens } from "@/tests/support/harness";

// Review finding: an 8 KB alert nested 4,000 deep rendered a 64 MB alert page (5,000 deep a 500).
// Free-form alert fields are held to 8 levels and 16 KB each at ingest; nothing of a refused payload is stored.

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/alerts/${name}.json`, "utf8"));
const native = {
  title: "Checkout 5xx above 5%",
  service: "checkout-api",
  environment: "production",
  severity: "critical",
  status: "firing",
  dedupKey: "checkout-5xx",
};
const nest = (levels: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = { level: value };
  return value;
};
// JSON text of `levels` nested arrays: deeper than JSON.stringify could write.
const deepArrays = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
const postNative = (body: unknown) => call(alertsRoute.POST, "/api/alerts", { method: "POST", body });
const postRaw = (handler: typeof alertsRoute.POST, path: string, rawBody: string, as?: "anonymous") =>
  call(handler, path, { method: "POST", rawBody, headers: { "content-type": "application/json" }, as });
const storedAlerts = () => queryRows<{ id: string }>(sql`select id from alerts`);

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("alert payload bounds", () => {
  it("native alerts: 8 levels pass; 9 levels, 16 KB + 1 or 30,000 levels are a 422 storing nothing", async () => {
    const refused = [
      await postNative({ ...native, annotations: { details: nest(9) } }),
      await postNative({ ...native, annotations: { note: "x".repeat(16_383) } }),
      await postRaw(
        alertsRoute.POST,
        "/api/alerts",
        JSON.stringify({ ...native, annotations: { details: "DEEP" } }).replace('"DEEP"', deepArrays(30_000)),
      ),
    ];
    for (const res of refused) {
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([
        expect.stringMatching(/^annotations\.(details|note)$/),
      ]);
    }
    expect(refused[0].json.errors[0].message).toMatch(/more than 8 levels/);
    expect(refused[1].json.errors[0].message).toMatch(/16 KB/);
    expect(await storedAlerts()).toEqual([]);

    const ok = await postNative({ ...native, annotations: { details: nest(8), note: "x".repeat(16_382) } });
    expect(ok.status).toBe(201);
  });

  it("Alertmanager: an annotation over 16 KB is a 422 and no alert of the group is stored", async () => {
    const group = fixture("alertmanager-group");
    group.alerts[1].annotations = { ...group.alerts[1].annotations, description: "d".repeat(16_385) };
    const res = await call(alertmanager.POST, "/api/integrations/alertmanager", {
      method: "POST",
      body: group,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.errors[0].path).toBe("alerts.1.annotations.description");
    expect(await storedAlerts()).toEqual([]);
  });

  it("PagerDuty: custom_details past 8 levels or 16 KB are refused (PagerDuty's 400) and nothing is stored", async () => {
    const trigger = fixture("pagerduty-trigger");
    const pd = "/api/integrations/pagerduty/v2/enqueue";
    const withDetails = (custom_details: unknown) => ({
      ...trigger,
      routing_key: tokens.responder,
      payload: { ...trigger.payload, custom_details },
    });
    const refused = [
      await call(pagerduty.POST, pd, { method: "POST", body: withDetails(nest(9)), as: "anonymous" }),
      await call(pagerduty.POST, pd, {
        method: "POST",
        body: withDetails({ log: "l".repeat(16_400) }),
        as: "anonymous",
      }),
      await postRaw(
        pagerduty.POST,
        pd,
        JSON.stringify(withDetails({ deep: "DEEP" })).replace('"DEEP"', deepArrays(30_000)),
        "anonymous",
      ),
    ];
    for (const res of refused) {
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.json.errors[0].path).toBe("payload.custom_details");
    }
    expect(await storedAlerts()).toEqual([]);
    const ok = await call(pagerduty.POST, pd, {
      method: "POST",
      body: withDetails(nest(8)),
      as: "anonymous",
    });
    expect(ok.status).toBe(202);
  });
});

import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as alertmanager from "@/app/api/integrations/alertmanager/route";
import * as pagerduty from "@/app/api/integrations/pagerduty/v2/enqueue/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { ingestAlert } from "@/lib/alerts/ingest-alert";
import type { NormalizedAlert } from "@/lib/alerts/schemas";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { call, queryRows, resetDatabase, tokens } from "@/tests/support/harness";

// Review finding 5: a PagerDuty event with dedup_key "rule:<id>" rewrote a rule's alert. Keys are scoped
// by source, and for PagerDuty and Alertmanager by the token that sends them.

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/alerts/${name}.json`, "utf8"));
const PD = "/api/integrations/pagerduty/v2/enqueue";
const AM = "/api/integrations/alertmanager";
const evaluator: Actor = { type: "system", name: "rule:Checkout errors", role: "responder" };
const ruleFiring = (over: Partial<NormalizedAlert> = {}): NormalizedAlert => ({
  source: "rule",
  action: "fire",
  dedupKey: "rule:rul_checkout",
  title: "Checkout error rate above 5%",
  service: "checkout-api",
  environment: "production",
  severity: "critical",
  labels: {},
  annotations: {},
  value: 0.2,
  threshold: 0.05,
  startsAt: new Date(Date.now() - 10 * 60_000),
  endsAt: null,
  generatorUrl: null,
  ruleId: null,
  ...over,
});
const pd = (routingKey: string, action: string, dedupKey: string, summary = "Spoofed") =>
  call(pagerduty.POST, PD, {
    method: "POST",
    as: "anonymous",
    body: {
      routing_key: routingKey,
      event_action: action,
      dedup_key: dedupKey,
      ...(action === "trigger" ? { payload: { summary, source: "x", severity: "info" } } : {}),
    },
  });
const rows = () =>
  queryRows<{
    id: string;
    source: string;
    dedup_key: string;
    status: string;
    title: string;
    fire_count: number;
  }>(sql`select id, source, dedup_key, status, title, fire_count from alerts order by created_at, id`);
const secondResponderToken = async () =>
  (
    await createApiToken(
      await getDb(),
      { type: "system", name: "test", role: "admin" },
      {
        name: "other-team",
        role: "responder",
      },
    )
  ).secret;

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("dedup keys are scoped", () => {
  it("a PagerDuty event or a native alert keyed rule:<id> neither resolves, acknowledges nor repeats the rule's alert", async () => {
    const db = await getDb();
    const rule = await ingestAlert(db, evaluator, ruleFiring());
    expect(rule.outcome).toBe("created");

    for (const action of ["resolve", "acknowledge"]) {
      const res = await pd(tokens.responder, action, "rule:rul_checkout");
      expect(res.status).toBe(202);
      expect(res.json.outcome).toBe("unchanged");
    }
    const spoof = await pd(tokens.responder, "trigger", "rule:rul_checkout");
    expect(spoof.json.outcome).toBe("created");
    const native = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Native spoof",
        service: "checkout-api",
        environment: "production",
        severity: "info",
        status: "resolved",
        dedupKey: "rule:rul_checkout",
      },
    });
    expect(native.json.outcome).toBe("unchanged");

    const stored = await rows();
    expect(stored.map((r) => [r.source, r.status, r.title, r.fire_count])).toEqual([
      ["rule", "firing", "Checkout error rate above 5%", 1],
      ["pagerduty", "firing", "Spoofed", 1],
    ]);
    const [ruleRow] = await queryRows<{ acknowledged_at: unknown }>(
      sql`select acknowledged_at from alerts where id = ${rule.alert!.id}`,
    );
    expect(ruleRow.acknowledged_at).toBeNull();
    // The rule's own repeat still lands on its alert.
    expect((await ingestAlert(db, evaluator, ruleFiring())).alert!.id).toBe(rule.alert!.id);
  });

  it("one PagerDuty token cannot resolve or repeat another token's alert of the same dedup_key", async () => {
    const other = await secondResponderToken();
    const mine = await pd(tokens.responder, "trigger", "disk-full", "Mine");
    expect(mine.json.outcome).toBe("created");
    expect((await pd(other, "resolve", "disk-full")).json.outcome).toBe("unchanged");
    const theirs = await pd(other, "trigger", "disk-full", "Theirs");
    expect(theirs.json.outcome).toBe("created");
    expect(theirs.json.alertId).not.toBe(mine.json.alertId);
    // Repeats (the one-statement path included) stay in their own scope.
    expect((await pd(tokens.responder, "trigger", "disk-full", "Mine")).json).toMatchObject({
      outcome: "repeated",
      alertId: mine.json.alertId,
    });
    expect((await pd(other, "resolve", "disk-full")).json.outcome).toBe("resolved");
    expect((await rows()).map((r) => [r.title, r.status, r.fire_count])).toEqual([
      ["Mine", "firing", 2],
      ["Theirs", "resolved", 1],
    ]);
  });

  it("Alertmanager fingerprints are per token: another token's resolved notification leaves the alert firing", async () => {
    const other = await secondResponderToken();
    const group = fixture("alertmanager-group");
    const post = (body: unknown, token: string) =>
      call(alertmanager.POST, AM, { method: "POST", body, headers: { authorization: `Bearer ${token}` } });
    expect((await post(group, tokens.responder)).status).toBe(200);
    const resolved = {
      ...group,
      status: "resolved",
      alerts: group.alerts.map((a: Record<string, unknown>) => ({ ...a, status: "resolved" })),
    };
    const res = await post(resolved, other);
    expect(res.json.results.map((r: { outcome: string }) => r.outcome)).toEqual(
      group.alerts.map(() => "unchanged"),
    );
    expect((await rows()).every((r) => r.status === "firing")).toBe(true);
    expect((await post(resolved, tokens.responder)).json.results[0].outcome).toBe("resolved");
  });
});

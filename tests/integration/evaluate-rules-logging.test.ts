import { beforeEach, describe, expect, it, vi } from "vitest";
import * as rulesRoute from "@/app/api/alerts/rules/route";
import { getDb } from "@/db/client";
import { serviceMetrics } from "@/db/core-schema";
import { evaluateAlertRules } from "@/lib/alerts/evaluate-alert-rules";
import { call, resetDatabase } from "@/tests/support/harness";

// Review finding 7: the rule evaluator logged raw errors. A failed Drizzle query carries its
// parameters in its message; the evaluator must log (and report) only the error's shape.
const SECRET = "hunter2-label-value";
vi.mock("@/lib/alerts/ingest-alert", async (original) => ({
  ...(await original<typeof import("@/lib/alerts/ingest-alert")>()),
  ingestAlertInTransaction: async () => {
    throw Object.assign(new Error(`Failed query: insert into "alerts" values ($1)\nparams: ${SECRET}`), {
      query: 'insert into "alerts" values ($1)',
      params: [SECRET],
    });
  },
}));

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("evaluateAlertRules on a failing rule", () => {
  it("logs and reports the error without its query parameters", async () => {
    const created = await call(rulesRoute.POST, "/api/alerts/rules", {
      method: "POST",
      body: {
        name: "Checkout error rate",
        service: "checkout-api",
        environment: "production",
        metric: "error_rate",
        comparator: ">",
        threshold: 0.05,
        forSeconds: 0,
        severity: "critical",
      },
    });
    expect(created.status).toBe(201);
    const now = new Date();
    await (await getDb()).insert(serviceMetrics).values({
      service: "checkout-api",
      environment: "production",
      ts: new Date(now.getTime() - 30_000),
      errorRate: 0.5,
      latencyP95Ms: 120,
      requestRate: 50,
    });
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args));
    const summary = await evaluateAlertRules(await getDb(), now);
    spy.mockRestore();

    expect(summary.failed).toEqual([{ ruleId: created.json.id, error: "Failed query" }]);
    const text = logged.map((args) =>
      args.map((a) => (a instanceof Error ? `${a.message}` : String(a))).join(" "),
    );
    expect(text.join("\n")).toContain(`rule ${created.json.id} could not be evaluated`);
    expect(text.join("\n")).not.toContain(SECRET);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/workflows/route";
import * as pageItem from "@/app/api/pages/[id]/route";
import * as pagesRoute from "@/app/api/pages/route";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import { ensureServices } from "@/lib/catalog/references";
import { runWorkflowsForEvent } from "@/lib/workflows/run-workflows-for-event";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";
import { runQueued } from "@/tests/support/run-queued";

// Workflows' page action (issue 23): the seed's workflow declares and pages.
let db: Db;
const create = (body: unknown) => call(collection.POST, "/api/workflows", { method: "POST", body });
const paths = (res: { json: { errors?: { path: string }[] } }) => (res.json.errors ?? []).map((e) => e.path);
const alertEvent = {
  id: "alert_fired:alrt_1",
  trigger: "alert_fired",
  subject: {
    severity: "critical",
    service: "payment-service",
    environment: "production",
    source: "alertmanager",
    title: "Payment error rate above 5%",
    labels: {},
    alertId: "alrt_1",
    dedupKey: "dk_1",
  },
};

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

beforeEach(async () => {
  db = await resetDatabase();
  await ensureServices(db, ["payment-service"]);
});

describe("a workflow's page action", () => {
  it("declares a SEV1 and pages the named person about it, who is then notified", async () => {
    await db.insert(contactMethods).values({
      id: "cm_priya",
      userId: "user_def456",
      type: "email",
      label: "Work",
      address: "priya@example.com",
      verifiedAt: new Date(),
      createdAt: new Date(),
    });
    const created = await create({
      name: "Critical payments alerts",
      trigger: "alert_fired",
      condition: "severity = critical AND service in [payment-service, checkout-api]",
      actions: [
        { type: "create_incident", severity: "SEV1" },
        { type: "page", target: { type: "user", userId: "user_def456" } },
      ],
    });
    expect(created.status).toBe(201);
    const [outcome] = await runWorkflowsForEvent(db, alertEvent);
    expect(outcome).toMatchObject({
      matched: true,
      actionResults: [
        { type: "create_incident", status: "ok" },
        { type: "page", status: "ok", detail: expect.stringMatching(/^paged \(high urgency\): pg_/) },
      ],
    });
    const [page] = (await call(pagesRoute.GET, "/api/pages")).json.items;
    expect(page).toMatchObject({
      incidentId: expect.stringMatching(/^INC-/),
      urgency: "high",
      policyId: null,
    });
    await runQueued("paging.notify");
    const detail = (await call(pageItem.GET, `/api/pages/${page.id}`, { params: { id: page.id } })).json;
    expect(detail.log.map((e: { message: string }) => e.message)).toEqual([
      "Paging directly (high urgency, payment-service).",
      "Paged Priya Natarajan (named in the step) by email.",
    ]);
    expect(await queryRows(sql`select "to" from mail_messages`)).toEqual([{ to: "priya@example.com" }]);
    // The event again (a replay): the run is not repeated, so nobody is paged twice.
    expect(await runWorkflowsForEvent(db, alertEvent)).toMatchObject([{ replayed: true }]);
  });

  it("refuses a page action without an incident or alert to page about, or at someone who cannot be paged", async () => {
    const noSubject = await create({
      name: "Errors page",
      trigger: "error_group_created",
      actions: [{ type: "page", target: { type: "oncall", service: "payment-service" } }],
    });
    expect(noSubject.status).toBe(422);
    expect(paths(noSubject)).toEqual(["actions.0.type"]);
    for (const [target, path] of [
      [{ type: "user", userId: "user_viewer" }, "actions.0.target.userId"],
      [{ type: "oncall", service: "moon-api" }, "actions.0.target.service"],
      [{ type: "policy", policyId: "ep_gone" }, "actions.0.target.policyId"],
      [{ type: "pager" }, "actions.0.target.type"],
    ] as const) {
      const res = await create({
        name: `Page ${path}`,
        trigger: "alert_fired",
        actions: [{ type: "page", target }],
      });
      expect(res.status, JSON.stringify(target)).toBe(422);
      expect(paths(res)).toEqual([path]);
    }
    expect((await call(collection.GET, "/api/workflows")).json.items).toEqual([]);
  });
});

import { beforeEach, describe, expect, it, vi } from "vitest";
import * as policyItem from "@/app/api/escalation-policies/[id]/route";
import * as policies from "@/app/api/escalation-policies/route";
import * as servicePaging from "@/app/api/services/[slug]/paging/route";
import { ensureServices } from "@/lib/catalog/references";
import { auditRows } from "@/tests/support/audit";
import { call, resetDatabase } from "@/tests/support/harness";

const PATH = "/api/escalation-policies";
const create = (body: unknown, as: "responder" | "viewer" = "responder") =>
  call(policies.POST, PATH, { method: "POST", body, as });
const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(policyItem.PATCH, `${PATH}/${id}`, { method: "PATCH", params: { id }, body, headers });
const paths = (res: { json: { errors?: { path: string }[] } }) => (res.json.errors ?? []).map((e) => e.path);
const step = (targets: unknown[], delayMinutes = 5) => ({ delayMinutes, targets });
const primary = {
  name: "Checkout primary",
  steps: [
    step([{ type: "oncall", service: "checkout-api" }], 10),
    step([{ type: "user", userId: "user_abc123" }], 15),
  ],
  repeat: 1,
};

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

beforeEach(async () => {
  const db = await resetDatabase();
  await ensureServices(db, ["checkout-api", "search-api"]);
});

describe("escalation policies", () => {
  it("creates, reads, edits with If-Match and deletes a policy, each change audited", async () => {
    const created = await create(primary);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.headers.get("location")).toBe(`${PATH}/${id}`);
    expect(created.json).toMatchObject({
      ...primary,
      description: "",
      isDefault: false,
      version: 1,
      services: [],
    });
    const read = await call(policyItem.GET, `${PATH}/${id}`, { params: { id }, as: "viewer" });
    expect(read.headers.get("etag")).toBe('"1"');
    expect((await call(policies.GET, PATH, { as: "viewer" })).json.items).toHaveLength(1);

    const edited = await patch(id, { repeat: 2 }, { "if-match": '"1"' });
    expect(edited.json).toMatchObject({ repeat: 2, version: 2, steps: primary.steps });
    expect((await patch(id, { repeat: 3 }, { "if-match": '"1"' })).status).toBe(412);
    const removed = await call(policyItem.DELETE, `${PATH}/${id}`, { method: "DELETE", params: { id } });
    expect(removed.status).toBe(204);
    expect((await call(policyItem.GET, `${PATH}/${id}`, { params: { id } })).status).toBe(404);
    const audit = (await auditRows()).filter((row) => row.targetType === "escalation_policy");
    expect(audit.map((row) => row.action)).toEqual([
      "escalation_policy.created",
      "escalation_policy.updated",
      "escalation_policy.deleted",
    ]);
    expect(audit[1].diff).toEqual({ repeat: { from: 1, to: 2 } });
  });

  it("refuses bad policies with the step and target named, and stores nothing", async () => {
    const cases: [unknown, string][] = [
      [{ name: "No steps", steps: [] }, "steps"],
      [{ ...primary, steps: [step([{ type: "user", userId: "user_abc123" }], 0)] }, "steps.0.delayMinutes"],
      [{ ...primary, steps: [step([{ type: "user", userId: "user_abc123" }], -5)] }, "steps.0.delayMinutes"],
      [{ ...primary, steps: [step([])] }, "steps.0.targets"],
      [{ ...primary, steps: [step([{ type: "user", userId: "nobody" }])] }, "steps.0.targets.0.userId"],
      [{ ...primary, steps: [step([{ type: "user", userId: "user_viewer" }])] }, "steps.0.targets.0.userId"],
      [{ ...primary, steps: [step([{ type: "oncall", service: "moon-api" }])] }, "steps.0.targets.0.service"],
      [
        { ...primary, steps: [step([{ type: "policy", policyId: "ep_missing" }])] },
        "steps.0.targets.0.policyId",
      ],
      [{ ...primary, steps: [step([{ type: "pager", to: "x" }])] }, "steps.0.targets.0.type"],
      [{ ...primary, repeat: 10 }, "repeat"],
    ];
    for (const [body, path] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(paths(res)).toContain(path);
    }
    expect((await call(policies.GET, PATH)).json.items).toEqual([]);
    expect((await create(primary, "viewer")).status).toBe(403);
  });

  it("refuses a hand-over in a circle: A hands to B, B may not hand back to A", async () => {
    const a = (await create({ ...primary, name: "Policy A" })).json.id as string;
    const b = (
      await create({ ...primary, name: "Policy B", steps: [step([{ type: "policy", policyId: a }])] })
    ).json.id as string;
    const circle = await patch(a, { steps: [step([{ type: "policy", policyId: b }])] });
    expect(circle.status).toBe(422);
    expect(circle.json.errors).toEqual([
      {
        path: "steps.0.targets.0.policyId",
        message: "This hands over in a circle: that policy leads back to this one.",
      },
    ]);
    const self = await patch(a, { steps: [step([{ type: "policy", policyId: a }])] });
    expect(self.json.errors[0].message).toBe("A policy cannot hand over to itself.");
    // A policy another hands to cannot be deleted from under it.
    const removed = await call(policyItem.DELETE, `${PATH}/${a}`, { method: "DELETE", params: { id: a } });
    expect(removed.status).toBe(409);
    expect((await call(policyItem.GET, `${PATH}/${a}`, { params: { id: a } })).json.version).toBe(1);
  });

  it("keeps one default policy, and names 409 for a taken name", async () => {
    const first = (await create({ ...primary, name: "First", isDefault: true })).json.id as string;
    const second = await create({ ...primary, name: "Second", isDefault: true });
    const listed = (await call(policies.GET, PATH)).json.items as { id: string; isDefault: boolean }[];
    expect(listed.map((p) => [p.id, p.isDefault])).toEqual([
      [first, false],
      [second.json.id, true],
    ]);
    const taken = await create({ ...primary, name: "first" });
    expect(taken.status).toBe(409);
    expect(paths(taken)).toEqual(["name"]);
  });
});

describe("a service's paging", () => {
  it("uses the default policy until the service names one; urgency and business hours are validated", async () => {
    const fallback = (await create({ ...primary, name: "Everyone", isDefault: true })).json.id as string;
    const own = (await create({ ...primary, name: "Search" })).json.id as string;
    const url = "/api/services/search-api/paging";
    const params = { slug: "search-api" };
    expect((await call(servicePaging.GET, url, { params, as: "viewer" })).json).toEqual({
      service: "search-api",
      policyId: null,
      effectivePolicyId: fallback,
      highUrgencySeverities: ["SEV1", "SEV2"],
      lowUrgencyBusinessHoursOnly: false,
      timeZone: "UTC",
      businessHoursStart: 9,
      businessHoursEnd: 17,
    });
    const put = (body: unknown) => call(servicePaging.PUT, url, { method: "PUT", params, body });
    const set = await put({
      policyId: own,
      highUrgencySeverities: ["SEV1"],
      lowUrgencyBusinessHoursOnly: true,
      timeZone: "Europe/Berlin",
    });
    expect(set.json).toMatchObject({ policyId: own, effectivePolicyId: own, timeZone: "Europe/Berlin" });
    expect((await call(policyItem.GET, `${PATH}/${own}`, { params: { id: own } })).json.services).toEqual([
      "search-api",
    ]);
    for (const [body, path] of [
      [{ policyId: "ep_nope" }, "policyId"],
      [{ policyId: null, timeZone: "Mars/Olympus" }, "timeZone"],
      [{ policyId: null, businessHoursStart: 18, businessHoursEnd: 9 }, "businessHoursEnd"],
      [{ policyId: null, highUrgencySeverities: ["SEV9"] }, "highUrgencySeverities.0"],
    ] as const) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(paths(res)).toContain(path);
    }
    expect(
      (await call(servicePaging.GET, "/api/services/nope/paging", { params: { slug: "nope" } })).status,
    ).toBe(404);
    const audit = (await auditRows()).filter((row) => row.action === "service.paging_changed");
    expect(audit).toHaveLength(1);
    expect(audit[0].diff).toMatchObject({
      policyId: { from: null, to: own },
      timeZone: { from: "UTC", to: "Europe/Berlin" },
    });
  });
});

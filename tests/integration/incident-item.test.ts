import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";
import { sql } from "drizzle-orm";

const PATH = "/api/dashboard/incidents";
const declare = async (body: unknown = validIncident) => {
  const res = await call(collection.POST, PATH, { method: "POST", body });
  expect(res.status).toBe(201);
  return res.json.id as string;
};
const get = (id: string) => call(item.GET, `${PATH}/${id}`, { params: { id } });
const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(item.PATCH, `${PATH}/${id}`, { method: "PATCH", body, headers, params: { id } });
const entries = async (id: string) => {
  const res = await call(timeline.GET, `${PATH}/${id}/timeline`, { params: { id } });
  expect(res.status).toBe(200);
  return res.json.items as { kind: string; data: Record<string, unknown>; actor: string }[];
};
type Row = {
  status: string;
  severity: string;
  version: number;
  title: string;
  commander_id: string | null;
  reopen_count: number;
};
const row = async (id: string) =>
  (
    await queryRows<Row>(
      sql`select status, severity, version, title, commander_id, reopen_count from incidents where id = ${id}`,
    )
  )[0];
const entryCount = async (id: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        sql`select count(*)::int as n from timeline_entries where incident_id = ${id}`,
      )
    )[0].n,
  );
const paths = (res: { json: { errors?: { path: string }[] } }) =>
  (res.json.errors ?? []).map((e) => e.path).sort();

const alex = { id: "user_abc123", name: "Alex Chen" };
const priya = { id: "user_def456", name: "Priya Natarajan" };

beforeEach(async () => {
  await resetDatabase();
});

describe("GET /api/dashboard/incidents/:id", () => {
  it("answers the incident with services, links, roles and an ETag of its version", async () => {
    const id = await declare({ ...validIncident, commanderId: "user_abc123" });
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.json).toMatchObject({
      id,
      status: "declared",
      severity: "SEV1",
      version: 1,
      commanderId: "user_abc123",
      links: [],
    });
    expect(res.json.commander).toEqual({ ...alex, email: "alex@example.com" });
    expect(res.json.technicalLead).toBeNull();
    expect(res.json.services).toEqual(["checkout-api", "payment-service"]);
  });

  it("answers 404 problem+json for an unknown id", async () => {
    const res = await get("INC-1999-0001");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json).toMatchObject({ status: 404, title: "Not found" });
  });
});

describe("PATCH /api/dashboard/incidents/:id — fields", () => {
  it("walks declared → investigating → mitigated → resolved → investigating and records each step", async () => {
    const id = await declare();
    const steps = [
      { body: { status: "investigating" }, version: 2 },
      { body: { status: "mitigated", mitigationSummary: "Rolled back deploy 1234" }, version: 3 },
      { body: { status: "resolved", resolutionSummary: "Fixed webhook secret" }, version: 4 },
      { body: { status: "investigating" }, version: 5 },
    ];
    for (const step of steps) {
      const res = await patch(id, step.body);
      expect(res.status).toBe(200);
      expect(res.json.status).toBe(step.body.status);
      expect(res.json.version).toBe(step.version);
      expect(res.headers.get("etag")).toBe(`"${step.version}"`);
      await runConsumers();
    }
    const list = await entries(id);
    // The first resolution's postmortem follows it (its consumer ran before the reopen).
    expect(list.map((e) => e.kind)).toEqual([
      "declared",
      "status_changed",
      "status_changed",
      "status_changed",
      "postmortem_created",
      "status_changed",
    ]);
    expect(list.filter((e) => e.kind === "status_changed").map((e) => [e.data.from, e.data.to])).toEqual([
      ["declared", "investigating"],
      ["investigating", "mitigated"],
      ["mitigated", "resolved"],
      ["resolved", "investigating"],
    ]);
    expect(list[5].data.reason).toBe("reopen");
    const [db] = await queryRows<{
      reopen_count: number;
      resolved_at: Date | null;
      duration_seconds: number | null;
      resolution_summary: string;
    }>(
      sql`select reopen_count, resolved_at, duration_seconds, resolution_summary from incidents where id = ${id}`,
    );
    expect(db).toEqual({
      reopen_count: 1,
      resolved_at: null,
      duration_seconds: null,
      resolution_summary: "Fixed webhook secret",
    });
  });

  it("resolves with an explicit resolvedAt and computes the duration from it", async () => {
    const id = await declare();
    const createdAt = new Date((await get(id)).json.createdAt);
    const resolvedAt = new Date(createdAt.getTime() + 2000).toISOString();
    const res = await patch(id, { status: "resolved", resolutionSummary: "False alarm", resolvedAt });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "resolved",
      resolvedAt,
      durationSeconds: 2,
      resolutionSummary: "False alarm",
    });
  });

  it("gives a resolvedAt 5 minutes of clock skew before the last phase change, taking it as that time, and no more", async () => {
    const FIVE_MIN = 5 * 60 * 1000;
    const mitigate = async () => {
      const id = await declare();
      const res = await patch(id, { status: "mitigated", mitigationSummary: "Rolled back" });
      expect(res.status).toBe(200);
      return { id, mitigatedAt: new Date(res.json.mitigatedAt) };
    };

    const late = await mitigate();
    const tooEarly = await patch(late.id, {
      status: "resolved",
      resolutionSummary: "Fixed",
      resolvedAt: new Date(late.mitigatedAt.getTime() - FIVE_MIN - 1).toISOString(),
    });
    expect(tooEarly.status).toBe(422);
    expect(paths(tooEarly)).toEqual(["resolvedAt"]);
    expect((await row(late.id)).status).toBe("mitigated");

    const edge = await mitigate();
    const skewed = await patch(edge.id, {
      status: "resolved",
      resolutionSummary: "Fixed",
      resolvedAt: new Date(edge.mitigatedAt.getTime() - FIVE_MIN).toISOString(),
    });
    expect(skewed.status).toBe(200);
    expect(skewed.json.resolvedAt).toBe(edge.mitigatedAt.toISOString());
    expect(skewed.json.durationSeconds).toBeGreaterThanOrEqual(0);
  });

  it("records a severity escalation and a downgrade with from/to", async () => {
    const id = await declare({ ...validIncident, severity: "SEV3" });
    expect((await patch(id, { severity: "SEV1" })).json.severity).toBe("SEV1");
    expect((await patch(id, { severity: "SEV4" })).status).toBe(200);
    const changes = (await entries(id)).filter((e) => e.kind === "severity_changed").map((e) => e.data);
    expect(changes).toEqual([
      { from: "SEV3", to: "SEV1", direction: "escalated" },
      { from: "SEV1", to: "SEV4", direction: "downgraded" },
    ]);
    expect((await row(id)).severity).toBe("SEV4");
  });

  it("assigns and reassigns the commander, each with a commander_changed entry", async () => {
    const id = await declare();
    const assigned = await patch(id, { commanderId: "user_abc123" });
    expect(assigned.status).toBe(200);
    expect(assigned.json.commander.name).toBe("Alex Chen");
    const reassigned = await patch(id, { commanderId: "user_def456" });
    expect(reassigned.json.commanderId).toBe("user_def456");
    const changes = (await entries(id)).filter((e) => e.kind === "commander_changed").map((e) => e.data);
    expect(changes).toEqual([
      { from: null, to: alex },
      { from: alex, to: priya },
    ]);
    expect((await row(id)).commander_id).toBe("user_def456");
  });

  it("sets and clears the technical lead and communicator with role_changed entries", async () => {
    const id = await declare();
    const res = await patch(id, { technicalLeadId: "user_def456", communicatorId: "user_abc123" });
    expect(res.status).toBe(200);
    expect(res.json.version).toBe(2);
    expect((await patch(id, { communicatorId: null })).json.communicator).toBeNull();
    const roles = (await entries(id)).filter((e) => e.kind === "role_changed").map((e) => e.data);
    expect(roles).toEqual([
      { role: "technicalLead", from: null, to: priya },
      { role: "communicator", from: null, to: alex },
      { role: "communicator", from: alex, to: null },
    ]);
    const [db] = await queryRows(
      sql`select technical_lead_id, communicator_id from incidents where id = ${id}`,
    );
    expect(db).toEqual({ technical_lead_id: "user_def456", communicator_id: null });
  });

  it("replaces the services, writing service_added and service_removed", async () => {
    const id = await declare();
    const res = await patch(id, { services: ["checkout-api", "search-api"] });
    expect(res.status).toBe(200);
    expect(res.json.services).toEqual(["checkout-api", "search-api"]);
    const changes = (await entries(id))
      .filter((e) => e.kind.startsWith("service_"))
      .map((e) => [e.kind, e.data.service]);
    expect(changes).toEqual([
      ["service_added", "search-api"],
      ["service_removed", "payment-service"],
    ]);
    const rows = await queryRows<{ service_slug: string }>(
      sql`select service_slug from incident_services where incident_id = ${id} order by service_slug`,
    );
    expect(rows.map((r) => r.service_slug)).toEqual(["checkout-api", "search-api"]);
    // The added service carries the declaration time, which the list's service filter walks.
    const copies = await queryRows<{
      n: number;
    }>(sql`select count(*)::int as n from incident_services s join incidents i on i.id = s.incident_id
      where s.incident_id = ${id} and s.incident_created_at = i.created_at`);
    expect(Number(copies[0].n)).toBe(2);
    const listed = await call(collection.GET, `${PATH}?service=search-api`, { as: "viewer" });
    expect(listed.json.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it("edits title and description with one details_changed entry", async () => {
    const id = await declare();
    const res = await patch(id, { title: "Payments failing in EU", description: "**Update**: EU only" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      title: "Payments failing in EU",
      description: "**Update**: EU only",
      version: 2,
    });
    const details = (await entries(id)).filter((e) => e.kind === "details_changed").map((e) => e.data);
    expect(details).toEqual([
      { fields: ["title", "description"], from: "Payment processing failures", to: "Payments failing in EU" },
    ]);
  });

  it("changes the environment, and refuses an unknown one with 422", async () => {
    const id = await declare();
    expect((await patch(id, { environment: "staging" })).json.environment).toBe("staging");
    const env = (await entries(id)).filter((e) => e.kind === "environment_changed").map((e) => e.data);
    expect(env).toEqual([{ from: "production", to: "staging" }]);
    const bad = await patch(id, { environment: "moon-base" });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["environment"]);
    const [db] = await queryRows(sql`select environment, version from incidents where id = ${id}`);
    expect(db).toEqual({ environment: "staging", version: 2 });
  });

  it("moves impactStartedAt earlier, and refuses one after the declaration", async () => {
    const id = await declare();
    const declared = (await get(id)).json;
    const createdAt = new Date(declared.createdAt);
    // None was reported: the declaration time stands in, and says it is only that.
    expect(declared).toMatchObject({ impactStartedAt: declared.createdAt, impactStartKnown: false });
    const earlier = new Date(createdAt.getTime() - 30 * 60 * 1000).toISOString();
    const res = await patch(id, { impactStartedAt: earlier });
    expect(res.status).toBe(200);
    expect(res.json.impactStartedAt).toBe(earlier);
    expect(res.json.impactStartKnown).toBe(true);
    const reported = await call(collection.POST, PATH, {
      method: "POST",
      body: { ...validIncident, impactStartedAt: earlier },
    });
    expect(reported.json.impactStartKnown).toBe(true);
    expect(
      (await entries(id)).filter((e) => e.kind === "impact_start_changed").map((e) => e.data.to),
    ).toEqual([earlier]);
    const later = await patch(id, { impactStartedAt: new Date(createdAt.getTime() + 60_000).toISOString() });
    expect(later.status).toBe(422);
    expect(paths(later)).toEqual(["impactStartedAt"]);
  });
});

describe("PATCH /api/dashboard/incidents/:id — refusals", () => {
  it("treats the same status as a no-op: 200, same version, no entry", async () => {
    const id = await declare();
    const res = await patch(id, { status: "declared" });
    expect(res.status).toBe(200);
    expect(res.json.version).toBe(1);
    expect(await entryCount(id)).toBe(1);
  });

  it("refuses resolved → mitigated with 422 invalid_transition and changes nothing", async () => {
    const id = await declare();
    expect((await patch(id, { status: "resolved", resolutionSummary: "Done" })).status).toBe(200);
    const before = await entryCount(id);
    const res = await patch(id, { status: "mitigated", mitigationSummary: "Rolled back" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.type).toContain("invalid_transition");
    expect(paths(res)).toEqual(["status"]);
    expect(await row(id)).toMatchObject({ status: "resolved", version: 2 });
    expect(await entryCount(id)).toBe(before);
  });

  it("refuses mitigated without a mitigationSummary and resolved without a resolutionSummary", async () => {
    const id = await declare();
    const mitigated = await patch(id, { status: "mitigated" });
    expect(mitigated.status).toBe(422);
    expect(paths(mitigated)).toEqual(["mitigationSummary"]);
    const blank = await patch(id, { status: "mitigated", mitigationSummary: "   " });
    expect(blank.status).toBe(422);
    expect(paths(blank)).toEqual(["mitigationSummary"]);
    const resolved = await patch(id, { status: "resolved" });
    expect(resolved.status).toBe(422);
    expect(paths(resolved)).toEqual(["resolutionSummary"]);
    expect(await row(id)).toMatchObject({ status: "declared", version: 1 });
    expect(await entryCount(id)).toBe(1);
  });

  it("refuses unknown fields (no mass assignment) and resolvedAt without status resolved", async () => {
    const id = await declare();
    const res = await patch(id, { severity: "SEV2", version: 99, declaredBy: "mallory" });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(["declaredBy", "version"]);
    const resolvedAt = await patch(id, { resolvedAt: new Date().toISOString() });
    expect(resolvedAt.status).toBe(422);
    expect(paths(resolvedAt)).toEqual(["resolvedAt"]);
    expect(await row(id)).toMatchObject({ severity: "SEV1", version: 1 });
  });

  it("refuses an empty body {} with 422 and malformed JSON with 400", async () => {
    const id = await declare();
    const empty = await patch(id, {});
    expect(empty.status).toBe(422);
    expect(empty.json.status).toBe(422);
    expect(empty.json.errors.length).toBeGreaterThan(0);
    const malformed = await call(item.PATCH, `${PATH}/${id}`, {
      method: "PATCH",
      rawBody: '{"severity": ',
      headers: { "content-type": "application/json" },
      params: { id },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/problem+json");
    expect(await row(id)).toMatchObject({ version: 1 });
  });

  it("refuses an unknown commanderId with 422 naming the field", async () => {
    const id = await declare();
    const res = await patch(id, { commanderId: "user_nobody" });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "commanderId", message: 'No user with id "user_nobody".' }]);
    expect((await row(id)).commander_id).toBeNull();
  });

  it("answers 404 for an unknown incident", async () => {
    const res = await patch("INC-1999-0001", { severity: "SEV2" });
    expect(res.status).toBe(404);
    expect(res.json.status).toBe(404);
  });
});

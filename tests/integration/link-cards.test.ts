import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as links from "@/app/api/dashboard/incidents/[id]/links/route";
import { getDb } from "@/db/client";
import { ingestErrors } from "@/lib/error-groups/ingest-errors";
import { receiveNativeAlert } from "@/lib/alerts/receive-alerts";
import { addLink } from "@/lib/incidents/add-link";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import { getLinkCards, traceUrl } from "@/lib/incidents/link-cards";
import { listSuggestions } from "@/lib/incidents/list-suggestions";
import { recordRelease } from "@/lib/releases/record-release";
import { call, queryRows, resetDatabase, responder, viewer } from "@/tests/support/harness";

const IMPACT = new Date("2026-03-15T14:32:00Z");
const minutesBefore = (m: number) => new Date(IMPACT.getTime() - m * 60_000).toISOString();
const NOW = new Date("2026-03-15T15:00:00Z");

async function declared() {
  const db = await getDb();
  return declareIncident(
    db,
    responder,
    {
      title: "Payment processing failures",
      severity: "SEV1",
      services: ["payment-service"],
      environment: "production",
      impactStartedAt: IMPACT.toISOString(),
    },
    { now: NOW },
  );
}
const group = async (fingerprint: string, seenAt: string, extra: Record<string, unknown> = {}) =>
  (
    await ingestErrors(
      await getDb(),
      responder,
      {
        fingerprint,
        title: `Error ${fingerprint}`,
        service: "payment-service",
        environment: "production",
        seenAt,
        ...extra,
      },
      { now: NOW },
    )
  ).items[0].group;
const release = async (version: string, deployedAt: string, extra: Record<string, unknown> = {}) =>
  (
    await recordRelease(
      await getDb(),
      responder,
      {
        service: "payment-service",
        environment: "production",
        version,
        commit: "9f3c2a1",
        deployedAt,
        ...extra,
      },
      { now: NOW },
    )
  ).release;

async function fire(dedupKey: string, startsAt: string, extra: Record<string, unknown> = {}) {
  const { alert } = await receiveNativeAlert(
    await getDb(),
    responder,
    {
      title: `Alert ${dedupKey}`,
      service: "payment-service",
      environment: "production",
      severity: "critical",
      status: "firing",
      dedupKey,
      startsAt,
      value: 0.12,
      threshold: 0.05,
      ...extra,
    },
    { now: NOW },
  );
  if (!alert) throw new Error(`alert ${dedupKey} was not stored`);
  return alert;
}

const saved = process.env.TRACE_URL_TEMPLATE;
beforeEach(async () => {
  await resetDatabase();
  process.env.TRACE_URL_TEMPLATE = "https://tracing.example/trace/{id}";
});
afterEach(() => {
  if (saved === undefined) delete process.env.TRACE_URL_TEMPLATE;
  else process.env.TRACE_URL_TEMPLATE = saved;
});

describe("link cards", () => {
  it("shows what is known of an error group and a release, marks an unknown alert, and builds the trace URL", async () => {
    const db = await getDb();
    const incident = await declared();
    const g = await group("stripe-timeout", minutesBefore(10), { count: 12, usersAffected: 7 });
    const r = await release("v2.3.1", minutesBefore(20));
    // The seed's link example, verbatim, still links though no alert of that ID is known here.
    const seed = await call(links.POST, `/api/dashboard/incidents/${incident.id}/links`, {
      method: "POST",
      body: { type: "alert", targetId: "alert_xyz789" },
      params: { id: incident.id },
    });
    expect(seed.status).toBe(201);
    for (const [type, targetId] of [
      ["error_group", g.id],
      ["release", r.id],
      ["trace", "4bf92f3577b34da6a3ce929d0e0e4736"],
      ["error_group", "err_elsewhere"],
    ]) {
      await addLink(db, responder, incident.id, { type, targetId });
    }
    const cards = await getLinkCards(db, viewer, (await getIncident(db, viewer, incident.id)).links, {
      now: NOW,
    });
    const byTarget = Object.fromEntries(cards.map((c) => [c.link.targetId, c]));
    expect(byTarget.alert_xyz789.detail).toBeNull();
    expect(byTarget[g.id].detail).toMatchObject({
      count: 12,
      usersAffected: 7,
      title: "Error stripe-timeout",
    });
    expect((byTarget[g.id].detail as { trend: number[] }).trend.reduce((a, b) => a + b, 0)).toBe(12);
    expect(byTarget[r.id].detail).toMatchObject({
      version: "v2.3.1",
      commit: "9f3c2a1",
      deployedAt: new Date(minutesBefore(20)),
    });
    expect(byTarget["4bf92f3577b34da6a3ce929d0e0e4736"].detail).toEqual({
      url: "https://tracing.example/trace/4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(byTarget.err_elsewhere.detail).toBeNull();
  });

  it("shows a known alert's value vs threshold, status and page", async () => {
    const db = await getDb();
    const incident = await declared();
    const a = await fire("pay-5xx", minutesBefore(5));
    await addLink(db, responder, incident.id, { type: "alert", targetId: a.id });
    const [card] = await getLinkCards(db, viewer, (await getIncident(db, viewer, incident.id)).links, {
      now: NOW,
    });
    expect(card.detail).toEqual({
      title: "Alert pay-5xx",
      state: "firing",
      value: 0.12,
      threshold: 0.05,
      startedAt: new Date(minutesBefore(5)),
      href: `/alerts/${a.id}`,
    });
  });

  it("uses only an http(s) trace template with {id}, and encodes the ID", () => {
    expect(traceUrl("a/b?c", "https://t.example/{id}")).toBe("https://t.example/a%2Fb%3Fc");
    expect(traceUrl("abc", "javascript:alert('{id}')")).toBeNull();
    expect(traceUrl("abc", "https://t.example/without-an-id-slot")).toBeNull();
    expect(traceUrl("abc", "")).toBeNull();
  });
});

describe("suggestions", () => {
  it("suggests alerts that started up to 30 minutes before impact on the incident's services and environment", async () => {
    const db = await getDb();
    const incident = await declared();
    const inside = await fire("inside", minutesBefore(30));
    await fire("too-early", minutesBefore(31));
    await fire("after", new Date(IMPACT.getTime() + 60_000).toISOString());
    await fire("staging", minutesBefore(5), { environment: "staging" });
    await fire("other-service", minutesBefore(5), { service: "search-api" });
    const suggestions = await listSuggestions(db, viewer, incident);
    expect(suggestions.map((s) => [s.type, s.targetId, s.label, s.detail])).toEqual([
      ["alert", inside.id, "Alert inside", "critical · firing · value 0.12 vs threshold 0.05"],
    ]);
    await addLink(db, responder, incident.id, { type: "alert", targetId: inside.id });
    expect(await listSuggestions(db, viewer, await getIncident(db, viewer, incident.id))).toEqual([]);
  });

  it("suggests error groups and releases that began up to 30 minutes before impact, not 31, nor after, nor elsewhere", async () => {
    const db = await getDb();
    const incident = await declared();
    const inside = await group("inside", minutesBefore(29));
    await group("too-early", minutesBefore(31));
    await group("after", new Date(IMPACT.getTime() + 60_000).toISOString());
    await group("staging", minutesBefore(5), { environment: "staging" });
    await group("other-service", minutesBefore(5), { service: "search-api" });
    const deploy = await release("v2.3.1", minutesBefore(29));
    await release("v2.3.0", minutesBefore(31));
    const suggestions = await listSuggestions(db, viewer, incident);
    expect(suggestions.map((s) => [s.type, s.targetId])).toEqual(
      [
        ["error_group", inside.id],
        ["release", deploy.id],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    // Linked once, a suggestion is not offered again.
    await addLink(db, responder, incident.id, { type: "release", targetId: deploy.id });
    const after = await listSuggestions(db, viewer, await getIncident(db, viewer, incident.id));
    expect(after.map((s) => s.targetId)).toEqual([inside.id]);
  });
});

describe("PATCH /api/dashboard/incidents/:id/links (release marks)", () => {
  const mark = (id: string, body: unknown, as: "responder" | "viewer" = "responder") =>
    call(links.PATCH, `/api/dashboard/incidents/${id}/links`, { method: "PATCH", body, params: { id }, as });
  const entries = (id: string) =>
    queryRows<{ kind: string; data: Record<string, unknown> }>(
      sql`select kind, data from timeline_entries where incident_id = ${id} and kind = 'link_marked' order by id`,
    );

  it("marks a linked release as suspected cause, then fix, then clears it, each with a timeline entry", async () => {
    const db = await getDb();
    const incident = await declared();
    const r = await release("v2.3.1", minutesBefore(5));
    await addLink(db, responder, incident.id, { type: "release", targetId: r.id });
    const suspected = await mark(incident.id, { type: "release", targetId: r.id, role: "suspected_cause" });
    expect(suspected.status).toBe(200);
    expect(suspected.json.role).toBe("suspected_cause");
    expect(
      (await mark(incident.id, { type: "release", targetId: r.id, role: "suspected_cause" })).status,
    ).toBe(200);
    await mark(incident.id, { type: "release", targetId: r.id, role: "fix" });
    await mark(incident.id, { type: "release", targetId: r.id, role: null });
    const written = await entries(incident.id);
    expect(written.map((e) => [e.data.from, e.data.to])).toEqual([
      [null, "suspected_cause"],
      ["suspected_cause", "fix"],
      ["fix", null],
    ]);
    expect((await getIncident(db, viewer, incident.id)).links[0].role).toBeNull();
  });

  it("refuses marks on other link types, unknown links, bad roles and viewers", async () => {
    const db = await getDb();
    const incident = await declared();
    await addLink(db, responder, incident.id, { type: "alert", targetId: "alert_xyz789" });
    const alert = await mark(incident.id, { type: "alert", targetId: "alert_xyz789", role: "fix" });
    expect(alert.status).toBe(422);
    expect(alert.json.errors[0].path).toBe("role");
    expect((await mark(incident.id, { type: "release", targetId: "rel_nope", role: "fix" })).status).toBe(
      404,
    );
    expect((await mark(incident.id, { type: "release", targetId: "rel_nope", role: "blame" })).status).toBe(
      422,
    );
    expect(
      (await mark(incident.id, { type: "release", targetId: "rel_nope", role: "fix" }, "viewer")).status,
    ).toBe(403);
    expect(await entries(incident.id)).toEqual([]);
  });
});

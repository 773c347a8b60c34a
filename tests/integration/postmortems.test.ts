import { beforeEach, describe, expect, it } from "vitest";
import * as postmortemRoute from "@/app/api/dashboard/incidents/[id]/postmortem/route";
import * as settingsRoute from "@/app/api/settings/postmortems/route";
import { getDb } from "@/db/client";
import { serviceMetrics } from "@/db/core-schema";
import { receiveNativeAlert } from "@/lib/alerts/receive-alerts";
import { addLink } from "@/lib/incidents/add-link";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { updateIncident } from "@/lib/incidents/update-incident";
import { SECTION_KEYS } from "@/lib/postmortems/build-sections";
import { isPostmortemPreparing } from "@/lib/postmortems/is-postmortem-preparing";
import { call, queryRows, resetDatabase, responder } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";
import { sql } from "drizzle-orm";
import { at, declare, getPm, path, putPm, resolveFully } from "@/tests/support/postmortems";

beforeEach(async () => {
  await resetDatabase();
});

describe("generation on resolution", () => {
  it("lists a known linked alert with its value vs threshold at firing, not its latest value", async () => {
    const db = await getDb();
    const id = await declare();
    const body = {
      title: "Checkout 5xx above 5%",
      service: "checkout-api",
      environment: "production",
      severity: "critical",
      status: "firing",
      dedupKey: "co-5xx",
      threshold: 0.05,
    };
    const fired = await receiveNativeAlert(db, responder, { ...body, value: 0.12 }, { now: at(-5) });
    await receiveNativeAlert(db, responder, { ...body, value: 0.31 }, { now: at(2) });
    const alertId = fired.alert?.id ?? "";
    await addLink(db, responder, id, { type: "alert", targetId: alertId }, { now: at(3) });
    await addLink(db, responder, id, { type: "alert", targetId: "pd-elsewhere" }, { now: at(3) });
    await resolveFully(id);
    const text = (await getPm(id)).json.sections.find((s: { key: string }) => s.key === "alerts")
      .text as string;
    expect(text.split("\n")).toEqual([
      `- Alert \`${alertId}\` Checkout 5xx above 5% (critical): value 0.12 vs threshold 0.05 at firing, 2026-03-02 09:55:00 UTC (linked 2026-03-02 10:03:00 UTC by Alex Chen)`,
      "- Alert `pd-elsewhere` (linked 2026-03-02 10:03:00 UTC by Alex Chen)",
    ]);
  });

  it("creates exactly one postmortem with every section filled from the incident's data", async () => {
    const db = await getDb();
    const id = await declare();
    await addLink(db, responder, id, { type: "alert", targetId: "alert-4711" }, { now: at(1) });
    await addLink(db, responder, id, { type: "release", targetId: "2026.03.1" }, { now: at(2) });
    await addLink(db, responder, id, { type: "error_group", targetId: "eg-99" }, { now: at(3) });
    await db.insert(serviceMetrics).values(
      [0, 5, 10, 30].map((m) => ({
        service: "checkout-api",
        environment: "production",
        ts: at(m),
        errorRate: m === 5 ? 0.42 : 0.01,
        latencyP95Ms: m === 10 ? 1900 : 200,
        requestRate: 50,
      })),
    );
    await resolveFully(id);

    const res = await getPm(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${res.json.version}"`);
    const pm = res.json;
    expect(pm).toMatchObject({ incidentId: id, status: "draft" });
    expect(pm.sections.map((s: { key: string }) => s.key)).toEqual(SECTION_KEYS);
    const text = (key: string) => pm.sections.find((s: { key: string }) => s.key === key).text as string;
    expect(text("summary")).toContain(`${id}: Checkout failing with 502s`);
    expect(text("summary")).toContain("Card payments fail at the last step.");
    expect(text("impact")).toContain("Duration: 45m 00s");
    expect(text("impact")).toContain("Time to detect (impact start → declared): 7m 00s");
    expect(text("impact")).toContain("Time to acknowledge (declared → investigating): 4m 00s");
    expect(text("impact")).toContain("Time to mitigate (declared → mitigated): 20m 00s");
    expect(text("impact")).toContain("Time to resolve (declared → resolved): 45m 00s");
    expect(text("impact")).toContain("Services: checkout-api");
    expect(text("impact")).toContain("Environment: production");
    // Every entry, automatic and manual, in UTC.
    const timeline = await listTimeline(db, responder, id);
    const lines = text("timeline").split("\n");
    expect(lines).toHaveLength(
      timeline.filter((e) => e.createdAt <= at(45) && e.kind !== "postmortem_created").length,
    );
    expect(lines[0]).toMatch(/^- 2026-03-02 10:00:00 UTC — Alex Chen: Incident declared as SEV1/);
    expect(text("timeline")).toContain(
      "2026-03-02 10:10:00 UTC — Alex Chen: (action) Rolled back **release 2026.03.1**",
    );
    expect(text("alerts")).toContain("alert-4711");
    expect(text("errors_releases")).toContain("2026.03.1");
    expect(text("errors_releases")).toContain("eg-99");
    expect(text("metrics")).toContain("peak error rate 42.00%, worst p95 latency 1900 ms (4 points)");
    expect(text("root_cause")).toBe("A null check was missing in the payment adapter");
    expect(text("mitigation_resolution")).toContain("Rolled back the release");
    expect(text("went_well")).toContain("within the SEV1 response target");
    expect(text("went_badly")).toContain("No commander was assigned.");
    expect(text("action_items")).toBe("No action items yet.");
    expect(pm.markdown).toContain("## Metric snapshots");
    // The series are frozen into the postmortem.
    expect(pm.metricSnapshot.services[0].points.map((p: { errorRate: number }) => p.errorRate)).toEqual([
      0.01, 0.42, 0.01, 0.01,
    ]);
    await db.delete(serviceMetrics);
    expect((await getPm(id)).json.metricSnapshot.services[0].points).toHaveLength(4);

    const kinds = (await listTimeline(db, responder, id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === "postmortem_created")).toHaveLength(1);
    expect(kinds.indexOf("postmortem_created")).toBeGreaterThan(kinds.lastIndexOf("status_changed"));
  });

  it("follows the resolution as a consumer: none while it is being prepared, then exactly one", async () => {
    const db = await getDb();
    const id = await declare();
    await updateIncident(
      db,
      responder,
      id,
      { status: "resolved", resolutionSummary: "Fixed" },
      { now: at(30) },
    );
    // The resolving command has answered; its postmortem waits for the consumer.
    expect((await getPm(id)).status).toBe(404);
    expect(await isPostmortemPreparing(db, responder, id)).toBe(true);
    await runConsumers();
    await runConsumers();
    expect(await isPostmortemPreparing(db, responder, id)).toBe(false);
    expect((await getPm(id)).status).toBe(200);
    const created = (await listTimeline(db, responder, id)).filter((e) => e.kind === "postmortem_created");
    expect(created).toHaveLength(1);
    expect(created[0].actor).toBe("postmortem-generator");
  });

  it("404s before there is one, and viewers may read it", async () => {
    const id = await declare();
    expect((await getPm(id)).status).toBe(404);
    await resolveFully(id);
    expect((await getPm(id, "viewer")).status).toBe(200);
  });

  it("reopen and resolve again keeps one postmortem and refreshes only the sections nobody edited", async () => {
    const db = await getDb();
    const id = await declare();
    await resolveFully(id);
    const first = (await getPm(id)).json;
    const edited = await putPm(
      id,
      { sections: { root_cause: "Human analysis: the adapter swallowed a timeout." } },
      `"${first.version}"`,
    );
    expect(edited.status).toBe(200);

    await updateIncident(db, responder, id, { status: "investigating" }, { now: at(60) });
    await updateIncident(
      db,
      responder,
      id,
      { status: "resolved", resolutionSummary: "Second fix: timeouts are retried" },
      { now: at(90) },
    );
    await runConsumers();

    const rows = await queryRows(sql`select count(*)::int as n from postmortems where incident_id = ${id}`);
    expect(Number(rows[0].n)).toBe(1);
    const pm = (await getPm(id)).json;
    const section = (key: string) => pm.sections.find((s: { key: string }) => s.key === key);
    expect(section("root_cause")).toMatchObject({
      text: "Human analysis: the adapter swallowed a timeout.",
      edited: true,
    });
    expect(section("mitigation_resolution").text).toContain("Second fix: timeouts are retried");
    expect(section("timeline").text).toContain("Incident reopened");
    expect(section("went_badly").text).toContain("reopened 1 time");
    expect(pm.id).toBe(first.id);
    const kinds = (await listTimeline(db, responder, id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === "postmortem_created")).toHaveLength(1);
    expect(kinds.filter((k) => k === "postmortem_refreshed")).toHaveLength(1);
  });
});

describe("the per-severity setting", () => {
  it("skips severities switched off, and the Create postmortem button covers them", async () => {
    const put = await call(settingsRoute.PUT, "/api/settings/postmortems", {
      method: "PUT",
      as: "admin",
      body: { autoGenerate: { SEV4: false } },
    });
    expect(put.status).toBe(200);
    expect(put.json.autoGenerate).toEqual({ SEV1: true, SEV2: true, SEV3: true, SEV4: false });
    expect(
      (
        await call(settingsRoute.PUT, "/api/settings/postmortems", {
          method: "PUT",
          as: "responder",
          body: { autoGenerate: { SEV1: false } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(settingsRoute.PUT, "/api/settings/postmortems", {
          method: "PUT",
          as: "admin",
          body: { autoGenerate: { SEV9: false } },
        })
      ).status,
    ).toBe(422);

    const low = await declare("SEV4", "Chart glitch");
    const high = await declare("SEV3", "Search slow");
    await resolveFully(low);
    await resolveFully(high);
    expect((await getPm(low)).status).toBe(404);
    expect((await getPm(high)).status).toBe(200);

    expect(
      (await call(postmortemRoute.POST, path(low), { method: "POST", params: { id: low }, as: "viewer" }))
        .status,
    ).toBe(403);
    const created = await call(postmortemRoute.POST, path(low), { method: "POST", params: { id: low } });
    expect(created.status).toBe(201);
    expect(created.json.sections.find((s: { key: string }) => s.key === "summary").text).toContain(
      "Chart glitch",
    );
    const again = await call(postmortemRoute.POST, path(low), { method: "POST", params: { id: low } });
    expect(again.status).toBe(409);
    expect(
      (
        await call(postmortemRoute.POST, path("INC-2026-9999"), {
          method: "POST",
          params: { id: "INC-2026-9999" },
        })
      ).status,
    ).toBe(404);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as feedRoute from "@/app/status/[slug]/feed.atom/route";
import { getDb } from "@/db/client";
import { advanceMaintenance } from "@/lib/status-pages/advance-maintenance-job";
import { call, queryRows } from "@/tests/support/harness";
import {
  confirmed,
  getOne,
  inHours,
  maintenanceMails,
  patch,
  runTimers,
  schedule,
  subscribe,
  timerData,
} from "@/tests/support/maintenance";
import { runQueued } from "@/tests/support/run-queued";
import {
  addComponent,
  createPage,
  getPage,
  postUpdate,
  publicPage,
  publish,
  resetStatusPages,
  summary,
} from "@/tests/support/status-pages";

// Scheduled maintenance (docs/status-pages.md#scheduled-maintenance, decision 0122): its timers are
// run by hand here, as a worker would run them when due (the test is the clock).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
beforeEach(async () => {
  await resetStatusPages();
});

async function pageWithComponents() {
  const page = await createPage({ timeZone: "Europe/Berlin" });
  const api = await addComponent(page.id, { name: "API" });
  const search = await addComponent(page.id, { name: "Search" });
  return { page, api, search };
}
const statusOf = async (pageId: string, componentId: string) =>
  ((await getPage(pageId)).components as { id: string; status: string }[]).find((c) => c.id === componentId)!
    .status;

describe("scheduled maintenance", () => {
  it("is moved by its timers: scheduled → in progress (components under maintenance) → completed", async () => {
    const { page, api, search } = await pageWithComponents();
    const res = await schedule(page.id, {
      title: "Database upgrade",
      body: "We upgrade the **primary database**.",
      startsAt: inHours(2),
      endsAt: inHours(3),
      components: [api.id],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("etag")).toBe('"1"');
    const id = res.json.id as string;
    expect(res.json).toMatchObject({
      state: "scheduled",
      remindMinutesBefore: 60,
      version: 1,
      components: [{ componentId: api.id, name: "API" }],
    });
    expect((await summary("acme")).json.scheduledMaintenances).toEqual([
      expect.objectContaining({
        id,
        title: "Database upgrade",
        state: "scheduled",
        components: [{ componentId: api.id, name: "API" }],
      }),
    ]);
    const html = (await publicPage("acme")).text;
    expect(html).toContain("Scheduled maintenance");
    expect(html).toContain("Database upgrade");
    // The page's time zone: Berlin is UTC+1 in December (CET).
    expect(html).toMatch(/CET|GMT\+1/);

    expect(await runTimers("start")).toEqual(["started"]);
    expect(await statusOf(page.id, api.id)).toBe("under_maintenance");
    expect(await statusOf(page.id, search.id)).toBe("operational");
    const inProgress = (await summary("acme")).json;
    expect(inProgress.scheduledMaintenances[0].state).toBe("in_progress");
    expect(inProgress.status.indicator).toBe("under_maintenance");
    expect((await publicPage("acme")).text).toContain("Maintenance in progress");
    const [open] = await queryRows<{ status: string; public_incident_id: string | null; ended_at: unknown }>(
      sql`select status, public_incident_id, ended_at from component_impacts where component_id = ${api.id}`,
    );
    expect(open).toMatchObject({ status: "under_maintenance", public_incident_id: null, ended_at: null });

    // A redelivered start timer finds it in progress and does nothing.
    const [startData] = await timerData("start");
    expect(await advanceMaintenance(await getDb(), startData)).toBe("nothing");

    expect(await runTimers("end")).toEqual(["completed"]);
    expect(await statusOf(page.id, api.id)).toBe("operational");
    expect((await summary("acme")).json.scheduledMaintenances).toEqual([]);
    const [closed] = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from component_impacts where component_id = ${api.id} and ended_at is not null`,
    );
    expect(closed.n).toBe(1);
    const [endData] = await timerData("end");
    expect(await advanceMaintenance(await getDb(), endData)).toBe("nothing");
    expect((await getOne(page.id, id)).json).toMatchObject({ state: "completed", version: 3 });

    const audits = await queryRows<{ action: string }>(
      sql`select action from audit_events where target_id = ${id} order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      "status_maintenance.scheduled",
      "status_maintenance.started",
      "status_maintenance.completed",
    ]);
    const feed = await call(feedRoute.GET, "/status/acme/feed.atom", {
      params: { slug: "acme" },
      as: "anonymous",
    });
    expect(feed.text).toContain("Maintenance completed: Database upgrade");
  });

  it("leaves a worse status of an open public incident standing, and returns to maintenance after it", async () => {
    const { page, api } = await pageWithComponents();
    await schedule(page.id, {
      title: "Upgrade",
      body: "Upgrade.",
      startsAt: inHours(1),
      endsAt: inHours(2),
      components: [api.id],
    });
    await runTimers("start");
    const incident = await publish(page.id, {
      title: "Errors",
      body: "Errors on the API.",
      components: [{ componentId: api.id, status: "partial_outage" }],
    });
    expect(incident.status, incident.text).toBe(201);
    expect(await statusOf(page.id, api.id)).toBe("partial_outage");
    const resolved = await postUpdate(page.id, incident.json.id, { phase: "resolved", body: "Fixed." });
    expect(resolved.status, resolved.text).toBe(201);
    expect(await statusOf(page.id, api.id)).toBe("under_maintenance");
    await runTimers("end");
    expect(await statusOf(page.id, api.id)).toBe("operational");
  });

  it("is cancelled while scheduled, ended early while in progress, and refuses other moves", async () => {
    const { page, api } = await pageWithComponents();
    const window = { body: "Work.", startsAt: inHours(1), endsAt: inHours(2), components: [api.id] };
    const first = (await schedule(page.id, { title: "First", ...window })).json;
    expect((await patch(page.id, first.id, { state: "completed" })).status).toBe(422);
    const cancelled = await patch(page.id, first.id, { state: "cancelled" });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json).toMatchObject({ state: "cancelled", version: 2 });
    expect(await runTimers("start")).toEqual(["nothing"]);
    expect(await statusOf(page.id, api.id)).toBe("operational");
    expect((await patch(page.id, first.id, { state: "cancelled" })).status).toBe(422);
    expect((await patch(page.id, first.id, { title: "Renamed" })).status).toBe(422);
    await runTimers("end");

    const second = (await schedule(page.id, { title: "Second", ...window })).json;
    expect(await runTimers("start")).toEqual(["started"]);
    expect((await patch(page.id, second.id, { title: "Too late" })).status).toBe(422);
    expect((await patch(page.id, second.id, { state: "cancelled" })).status).toBe(422);
    const ended = await patch(page.id, second.id, { state: "completed" });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.json.state).toBe("completed");
    expect(await statusOf(page.id, api.id)).toBe("operational");
    expect(await runTimers("end")).toEqual(["nothing"]);
  });

  it("moves its timers with an edited window: the old ones do nothing", async () => {
    const { page, api, search } = await pageWithComponents();
    const m = (
      await schedule(page.id, {
        title: "Move me",
        body: "Work.",
        startsAt: inHours(1),
        endsAt: inHours(2),
        components: [api.id],
      })
    ).json;
    const edited = await patch(page.id, m.id, {
      startsAt: inHours(5),
      endsAt: inHours(6),
      components: [search.id],
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.components).toEqual([{ componentId: search.id, name: "Search" }]);
    expect(await runTimers("start")).toEqual(["nothing", "started"]);
    expect(await statusOf(page.id, api.id)).toBe("operational");
    expect(await statusOf(page.id, search.id)).toBe("under_maintenance");
  });

  it("answers 422 for bad input, 403 to viewers and 412 for a stale version", async () => {
    const { page, api } = await pageWithComponents();
    const other = await createPage({ name: "Other", slug: "other" });
    const otherComponent = await addComponent(other.id, { name: "Elsewhere" });
    const good = { title: "T", body: "B", startsAt: inHours(1), endsAt: inHours(2), components: [api.id] };
    const refused = async (body: Record<string, unknown>, path: string) => {
      const res = await schedule(page.id, { ...good, ...body });
      expect(res.status, res.text).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(JSON.stringify(res.json.errors)).toContain(path);
    };
    await refused({ endsAt: inHours(0.5) }, "endsAt");
    await refused({ startsAt: inHours(-3), endsAt: inHours(-2) }, "endsAt");
    await refused({ components: [] }, "components");
    await refused({ components: [otherComponent.id] }, "components.0");
    await refused({ startsAt: "tomorrow" }, "startsAt");
    await refused({ remindMinutesBefore: -1 }, "remindMinutesBefore");
    await refused({ title: "" }, "title");
    expect((await schedule(page.id, good, { as: "viewer" })).status).toBe(403);
    const [{ n }] = await queryRows<{ n: number }>(sql`select count(*)::int as n from status_maintenances`);
    expect(n).toBe(0);

    const m = (await schedule(page.id, good)).json;
    expect((await patch(page.id, m.id, { startsAt: inHours(3) })).status).toBe(422); // after its end
    expect((await patch(page.id, m.id, { state: "cancelled", title: "x" })).status).toBe(422);
    expect((await patch(page.id, m.id, { state: "gone" })).status).toBe(422);
    const ok = await patch(page.id, m.id, { title: "New title" }, { "if-match": '"1"' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    const stale = await patch(page.id, m.id, { title: "Stale" }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect((await getOne(page.id, m.id)).json.title).toBe("New title");
    expect((await getOne(page.id, "spm_00000000000000000000")).status).toBe(404);
    expect((await getOne(other.id, m.id)).status).toBe(404);
  });

  it("mails each matching confirmed subscriber once per step, and nobody else", async () => {
    const { page, api, search } = await pageWithComponents();
    await confirmed("all@example.com");
    await confirmed("api@example.com", [
      ["scope", "some"],
      ["component", api.id],
    ]);
    await confirmed("search@example.com", [
      ["scope", "some"],
      ["component", search.id],
    ]);
    expect((await subscribe([["email", "pending@example.com"]])).status).toBe(200);
    const m = (
      await schedule(page.id, {
        title: "Upgrade",
        body: "The **API** pauses.",
        startsAt: inHours(2),
        endsAt: inHours(3),
        components: [api.id],
        remindMinutesBefore: 30,
      })
    ).json;
    const kinds = async () =>
      (await maintenanceMails()).map((mail) => `${mail.to} ${mail.dedupe_key.split(":")[2]}`);
    expect(await kinds()).toEqual(["all@example.com scheduled", "api@example.com scheduled"]);
    expect(await runTimers("remind")).toEqual(["reminded"]);
    const [remindData] = await timerData("remind");
    expect(remindData.at).toBe(new Date(new Date(m.startsAt).getTime() - 30 * 60_000).toISOString());
    expect(await advanceMaintenance(await getDb(), remindData)).toBe("nothing");
    await runTimers("start");
    await runTimers("end");
    // Chunk jobs run again (a redelivery): the mails' keys make them queue nothing new.
    await runQueued("status-pages.mail-maintenance");
    const all = await maintenanceMails();
    expect(all.map((mail) => `${mail.to} ${mail.dedupe_key.split(":")[2]}`)).toEqual([
      "all@example.com completed",
      "all@example.com reminder",
      "all@example.com scheduled",
      "all@example.com started",
      "api@example.com completed",
      "api@example.com reminder",
      "api@example.com scheduled",
      "api@example.com started",
    ]);
    const reminder = all.find((mail) => mail.dedupe_key.includes(":reminder:"))!;
    expect(reminder.subject).toBe("[Acme status] Maintenance starting soon: Upgrade");
    expect(reminder.text).toContain("Components: API");
    expect(reminder.text).toContain("/subscription/unsubscribe?token=");
  });
});

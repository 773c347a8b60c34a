import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as settingsRoute from "@/app/api/settings/reminders/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { createActionItem } from "@/lib/action-items/create-action-item";
import { updateActionItem } from "@/lib/action-items/update-action-item";
import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { updateIncident } from "@/lib/incidents/update-incident";
import { updatePostmortem } from "@/lib/postmortems/update-postmortem";
import { remindersJob } from "@/lib/reminders/reminders-job";
import { updateReminderSettings } from "@/lib/reminders/reminder-settings";
import { runReminders } from "@/lib/reminders/run-reminders";
import { call, queryRows, resetDatabase, responder } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";

const T0 = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const admin: Actor = { type: "user", userId: "user_abc123", name: "Alex Chen", role: "admin" };

async function declare(severity: string, minute = 0) {
  const db = await getDb();
  const incident = await declareIncident(
    db,
    responder,
    {
      title: `Checkout failing (${severity})`,
      severity,
      services: ["checkout-api"],
      environment: "production",
      description: "Card payments fail.",
    },
    { now: at(minute) },
  );
  return incident.id;
}

type EventRow = {
  id: number;
  type: string;
  incident_id: string | null;
  subject_id: string;
  payload: Record<string, unknown>;
  actor: string;
};
const eventsOf = async (type: string) =>
  (
    await queryRows<EventRow>(
      sql`select id, type, incident_id, subject_id, payload, actor from events where type = ${type} order by id`,
    )
  ).map((e) => ({
    ...e,
    payload: typeof e.payload === "string" ? JSON.parse(e.payload) : e.payload,
  }));
const run = async (minute: number) => runReminders(await getDb(), at(minute));
/** Past the response target, so only the update reminder is under test. */
const respond = async (id: string, minute = 1) =>
  updateIncident(await getDb(), responder, id, { status: "investigating" }, { now: at(minute) });

beforeEach(async () => {
  await resetDatabase();
});

describe("incident.update_overdue", () => {
  it("fires once per silence for a SEV1: not at 14 min, once at 16, not again; an update starts a new silence", async () => {
    const db = await getDb();
    const id = await declare("SEV1");
    await respond(id);

    expect((await run(14)).updateOverdue).toBe(0);
    expect(await eventsOf("incident.update_overdue")).toHaveLength(0);

    expect((await run(16)).updateOverdue).toBe(1);
    await run(17);
    await run(45);
    const first = await eventsOf("incident.update_overdue");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ incident_id: id, subject_id: id, actor: "reminders" });
    expect(first[0].payload).toMatchObject({
      incidentId: id,
      title: "Checkout failing (SEV1)",
      severity: "SEV1",
      status: "investigating",
      commander: null,
      minutesSilent: 16,
      intervalMinutes: 15,
      silentSince: T0.toISOString(),
      url: `/incidents/${id}`,
    });
    expect(first[0].payload.timelineEntryId).toEqual(expect.any(Number));

    // The note is on the timeline and is not an update: it does not end the silence.
    const notes = (await listTimeline(db, responder, id)).filter((e) => e.kind === "update_overdue");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ actor: "reminders", createdAt: at(16) });

    await addTimelineEntry(db, responder, id, { type: "update", message: "Rolling back." }, { now: at(50) });
    expect((await run(65)).updateOverdue).toBe(0);
    expect((await run(66)).updateOverdue).toBe(1);
    await run(70);
    const all = await eventsOf("incident.update_overdue");
    expect(all).toHaveLength(2);
    expect(all[1].payload).toMatchObject({ silentSince: at(50).toISOString(), minutesSilent: 16 });
  });

  it("counts only manual messages: a status change does not end the silence", async () => {
    const id = await declare("SEV2");
    await respond(id, 5);
    await updateIncident(
      await getDb(),
      responder,
      id,
      { status: "mitigated", mitigationSummary: "Rolled back" },
      { now: at(10) },
    );
    expect((await run(16)).updateOverdue).toBe(1);
  });

  it("is off for SEV3 and SEV4 by default, and stops once resolved", async () => {
    const sev3 = await declare("SEV3");
    const sev4 = await declare("SEV4");
    await respond(sev3);
    await respond(sev4);
    const sev1 = await declare("SEV1");
    await updateIncident(
      await getDb(),
      responder,
      sev1,
      { status: "resolved", resolutionSummary: "False alarm" },
      { now: at(2) },
    );
    await run(600);
    expect(await eventsOf("incident.update_overdue")).toHaveLength(0);
  });

  it("uses the intervals an admin configured: a SEV3 at 30 min, SEV1 turned off", async () => {
    const db = await getDb();
    await updateReminderSettings(db, admin, { updateIntervalMinutes: { SEV3: 30, SEV1: null } });
    const sev3 = await declare("SEV3");
    const sev1 = await declare("SEV1");
    await respond(sev3);
    await respond(sev1);
    expect((await run(29)).updateOverdue).toBe(0);
    expect((await run(31)).updateOverdue).toBe(1);
    const events = await eventsOf("incident.update_overdue");
    expect(events.map((e) => e.incident_id)).toEqual([sev3]);
    expect(events[0].payload).toMatchObject({ intervalMinutes: 30, severity: "SEV3" });
  });

  it("emits once when two runs race (two parallel calls, as two instances would)", async () => {
    const ids = [await declare("SEV1"), await declare("SEV2")];
    for (const id of ids) await respond(id);
    const db = await getDb();
    const runs = await Promise.all([
      runReminders(db, at(20)),
      runReminders(db, at(20)),
      remindersJob.handler({}, { jobId: "x", name: remindersJob.name, retryCount: 0, db }).then(() => null),
    ]);
    expect(runs[0]!.updateOverdue + runs[1]!.updateOverdue).toBeLessThanOrEqual(2);
    const events = await eventsOf("incident.update_overdue");
    expect(events.map((e) => e.incident_id).sort()).toEqual([...ids].sort());
    const claims = await queryRows<{ n: number | string }>(
      sql`select count(*) as n from reminder_emissions where kind = 'update_overdue'`,
    );
    expect(Number(claims[0].n)).toBe(2);
  });
});

describe("incident.response_target_missed", () => {
  it("fires once for an incident still declared past its severity's target, never for one picked up in time", async () => {
    const late = await declare("SEV1");
    const onTime = await declare("SEV1");
    await respond(onTime, 10);
    expect((await run(15)).responseTargetMissed).toBe(0);
    expect((await run(16)).responseTargetMissed).toBe(1);
    await run(17);
    await Promise.all([run(30), run(30)]);
    const events = await eventsOf("incident.response_target_missed");
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      incidentId: late,
      severity: "SEV1",
      status: "declared",
      targetMinutes: 15,
      minutesSinceDeclared: 16,
      url: `/incidents/${late}`,
    });
    const timeline = await listTimeline(await getDb(), responder, late);
    expect(timeline.filter((e) => e.kind === "response_target_missed")).toHaveLength(1);
  });
});

describe("action_item.overdue", () => {
  it("fires once per open item once its due date has ended (UTC), again only for a new due date", async () => {
    const db = await getDb();
    const id = await declare("SEV2");
    const item = await createActionItem(
      db,
      responder,
      { incidentId: id, title: "Add a null check", ownerId: "user_def456", dueDate: "2026-03-05" },
      { now: at(1) },
    );
    const done = await createActionItem(
      db,
      responder,
      { incidentId: id, title: "Already done", dueDate: "2026-03-04" },
      { now: at(1) },
    );
    await updateActionItem(db, responder, String(done.id), { status: "done" }, { now: at(2) });

    const dayEnd = new Date("2026-03-06T00:00:00Z").getTime();
    expect((await runReminders(db, new Date(dayEnd - 60_000))).actionItemsOverdue).toBe(0);
    expect((await runReminders(db, new Date(dayEnd + 60_000))).actionItemsOverdue).toBe(1);
    await Promise.all([
      runReminders(db, new Date(dayEnd + 120_000)),
      runReminders(db, new Date(dayEnd + 120_000)),
    ]);
    let events = await eventsOf("action_item.overdue");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ incident_id: id, subject_id: String(item.id) });
    expect(events[0].payload).toMatchObject({
      actionItemId: item.id,
      title: "Add a null check",
      dueDate: "2026-03-05",
      owner: { id: "user_def456", name: "Priya Natarajan" },
      incidentId: id,
      incidentTitle: "Checkout failing (SEV2)",
      status: "open",
    });

    const current = await updateActionItem(
      db,
      responder,
      String(item.id),
      { dueDate: "2026-03-10" },
      { now: new Date(dayEnd + 180_000) },
    );
    expect(current.dueDate).toBe("2026-03-10");
    await runReminders(db, new Date("2026-03-10T12:00:00Z"));
    await runReminders(db, new Date("2026-03-11T00:01:00Z"));
    events = await eventsOf("action_item.overdue");
    expect(events.map((e) => e.payload.dueDate)).toEqual(["2026-03-05", "2026-03-10"]);
  });
});

describe("postmortem.published", () => {
  it("is recorded once, in the publishing transaction, with the incident and the postmortem's path", async () => {
    const db = await getDb();
    const id = await declare("SEV1");
    await respond(id);
    await updateIncident(
      db,
      responder,
      id,
      { status: "resolved", resolutionSummary: "Fixed the adapter" },
      { now: at(30) },
    );
    await runConsumers();
    await updatePostmortem(db, responder, id, { status: "in_review" }, { now: at(40) });
    expect(await eventsOf("postmortem.published")).toHaveLength(0);
    await updatePostmortem(db, responder, id, { status: "published" }, { now: at(50) });
    await expect(
      updatePostmortem(db, responder, id, { status: "published" }, { now: at(51) }),
    ).rejects.toThrow(/read-only/);
    const events = await eventsOf("postmortem.published");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ incident_id: id, actor: "Alex Chen" });
    expect(events[0].payload).toMatchObject({
      incidentId: id,
      title: "Checkout failing (SEV1)",
      severity: "SEV1",
      publishedAt: at(50).toISOString(),
      publishedBy: "Alex Chen",
      url: `/incidents/${id}/postmortem`,
    });
  });
});

describe("GET/PUT /api/settings/reminders and the list flag", () => {
  it("reads the defaults, lets admins change them, refuses others and bad values with nothing changed", async () => {
    const get = await call(settingsRoute.GET, "/api/settings/reminders", { as: "viewer" });
    expect(get.status).toBe(200);
    expect(get.json).toEqual({ updateIntervalMinutes: { SEV1: 15, SEV2: 15, SEV3: null, SEV4: null } });

    const put = (body: unknown, as: "admin" | "responder" = "admin") =>
      call(settingsRoute.PUT, "/api/settings/reminders", { method: "PUT", body, as });
    expect((await put({ updateIntervalMinutes: { SEV1: 5 } }, "responder")).status).toBe(403);
    for (const bad of [
      { updateIntervalMinutes: { SEV1: 0 } },
      { updateIntervalMinutes: { SEV1: 1.5 } },
      { updateIntervalMinutes: { SEV9: 5 } },
      { updateIntervalMinutes: { SEV2: 1441 } },
      { other: 1 },
    ]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const ok = await put({ updateIntervalMinutes: { SEV1: 5, SEV3: 60, SEV2: null } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ updateIntervalMinutes: { SEV1: 5, SEV2: null, SEV3: 60, SEV4: null } });
    expect(
      (
        await call(async (request) => settingsRoute.DELETE(request), "/api/settings/reminders", {
          method: "DELETE",
          as: "admin",
        })
      ).status,
    ).toBe(405);
  });

  it("lists each incident's last manual update, which the overdue flag measures from", async () => {
    const db = await getDb();
    const id = await declare("SEV1");
    await respond(id, 3);
    await addTimelineEntry(db, responder, id, { type: "update", message: "Looking." }, { now: at(5) });
    const mitigated = await updateIncident(
      db,
      responder,
      id,
      { status: "mitigated", mitigationSummary: "Rolled back" },
      { now: at(8) },
    );
    // The reminder's note is neither the latest news in the list nor a new version (no open form goes stale).
    expect((await run(30)).updateOverdue).toBe(1);
    const res = await call(incidentsRoute.GET, "/api/dashboard/incidents", { as: "viewer" });
    const item = res.json.items.find((i: { id: string }) => i.id === id);
    expect(item.lastManualUpdateAt).toBe(at(5).toISOString());
    expect(item.lastUpdate.kind).toBe("status_changed");
    const [row] = await queryRows<{ version: number }>(sql`select version from incidents where id = ${id}`);
    expect(row.version).toBe(mitigated.version);
  });
});

import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as links from "@/app/api/dashboard/incidents/[id]/links/route";
import * as incidentEvents from "@/app/api/dashboard/incidents/[id]/events/route";
import * as allEvents from "@/app/api/dashboard/events/route";
import { getDb } from "@/db/client";
import { LIVE_CHANNEL } from "@/lib/live/subscribe-live";
import { closeAllStreams, openStreamCount } from "@/lib/live/event-stream";
import { attachedSinkCount, runningHub } from "@/lib/live/live-hub";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { eventually, openSse } from "@/tests/support/sse-client";

const PATH = "/api/dashboard/incidents";
const declare = async (title = validIncident.title) => {
  const res = await call(collection.POST, PATH, { method: "POST", body: { ...validIncident, title } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
};
const postUpdate = async (id: string, message: string) => {
  const res = await call(timeline.POST, `${PATH}/${id}/timeline`, {
    method: "POST",
    body: { type: "update", message },
    params: { id },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: number };
};
const streamOf = (id: string, options: Parameters<typeof openSse>[2] = {}) =>
  openSse(incidentEvents.GET, `${PATH}/${id}/events`, { params: { id }, ...options });

type Stream = Awaited<ReturnType<typeof openSse>>;
const open: Stream[] = [];
const track = async (stream: Promise<Stream>) => {
  const s = await stream;
  open.push(s);
  return s;
};

beforeEach(async () => {
  delete process.env.LIVE_HEARTBEAT_MS;
  delete process.env.LIVE_MAX_STREAMS;
  delete process.env.LIVE_GAP_WAIT_MS;
  delete process.env.LIVE_MAX_STREAMS_PER_USER;
  delete process.env.LIVE_MAX_REPLAY;
  await resetDatabase();
});

// Every stream is closed, so the hub stops before the next test truncates the events (ids restart).
afterEach(async () => {
  for (const stream of open.splice(0)) stream.abort();
  await eventually(() => openStreamCount() === 0 && attachedSinkCount() === 0, "every stream to close");
});

describe("GET /api/dashboard/incidents/:id/events", () => {
  it("streams an update posted through the API with its message, and a status change with the new version", async () => {
    const id = await declare();
    const stream = await track(streamOf(id));
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    await stream.waitFor((m) => m.some((x) => x.retry !== undefined), "the retry hint");

    const entry = await postUpdate(id, "Rolled back **v2.3.1**; error rate falling.");
    const [update] = await stream.waitForEvents(1, "the update");
    expect(update).toMatchObject({
      type: "incident.update_posted",
      incidentId: id,
      actor: "token:test-responder",
      data: {
        kind: "update",
        message: "Rolled back **v2.3.1**; error rate falling.",
        timelineEntryId: entry.id,
        incidentVersion: 2,
      },
    });
    expect(new Date(update.at).getTime()).not.toBeNaN();
    const [row] = await queryRows<{ id: number }>(
      sql`select id::int as id from events where type = 'incident.update_posted'`,
    );
    expect(update.id).toBe(row.id);

    const patched = await call(item.PATCH, `${PATH}/${id}`, {
      method: "PATCH",
      body: { status: "investigating", severity: "SEV2" },
      params: { id },
    });
    expect(patched.status, patched.text).toBe(200);
    const events = await stream.waitForEvents(3, "the severity and status changes");
    expect(events.slice(1).map((e) => [e.type, e.data.from, e.data.to, e.data.incidentVersion])).toEqual([
      ["incident.severity_changed", "SEV1", "SEV2", 3],
      ["incident.status_changed", "declared", "investigating", 3],
    ]);

    const linked = await call(links.POST, `${PATH}/${id}/links`, {
      method: "POST",
      body: { type: "trace", targetId: "t-42" },
      params: { id },
    });
    expect(linked.status, linked.text).toBe(201);
    const [, , , link] = await stream.waitForEvents(4, "the link");
    expect(link).toMatchObject({
      type: "incident.link_added",
      data: { type: "trace", targetId: "t-42", incidentVersion: 4 },
    });
  });

  it("carries only its own incident's events", async () => {
    const [a, b] = [await declare("First incident"), await declare("Second incident")];
    const stream = await track(streamOf(a));
    await postUpdate(b, "elsewhere");
    await postUpdate(a, "here");
    const events = await stream.waitForEvents(1, "the update on a");
    expect(events.map((e) => [e.incidentId, e.data.message])).toEqual([[a, "here"]]);
  });

  it("replays exactly what was missed after Last-Event-ID, then continues live", async () => {
    const id = await declare();
    const first = await track(streamOf(id));
    await postUpdate(id, "one");
    await postUpdate(id, "two");
    const seen = await first.waitForEvents(2);
    first.abort();
    await postUpdate(id, "three (missed)");
    await postUpdate(id, "four (missed)");

    const resumed = await track(streamOf(id, { headers: { "last-event-id": String(seen[0].id) } }));
    await resumed.waitForEvents(3, "the replay");
    await postUpdate(id, "five (live)");
    const events = await resumed.waitForEvents(4, "the live update");
    expect(events.map((e) => e.data.message)).toEqual([
      "two",
      "three (missed)",
      "four (missed)",
      "five (live)",
    ]);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);

    // The query parameter does the same for clients that cannot set the header.
    const byQuery = await track(
      openSse(incidentEvents.GET, `${PATH}/${id}/events?lastEventId=${seen[1].id}`, { params: { id } }),
    );
    expect((await byQuery.waitForEvents(3)).map((e) => e.data.message)).toEqual([
      "three (missed)",
      "four (missed)",
      "five (live)",
    ]);
  });

  it("answers 401 without credentials, 404 for an unknown incident and 422 for a bad Last-Event-ID, before any stream", async () => {
    const id = await declare();
    const anonymous = await call(incidentEvents.GET, `${PATH}/${id}/events`, {
      params: { id },
      as: "anonymous",
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
    const unknown = await call(incidentEvents.GET, `${PATH}/INC-1999-0001/events`, {
      params: { id: "INC-1999-0001" },
      as: "viewer",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    const bad = await call(incidentEvents.GET, `${PATH}/${id}/events`, {
      params: { id },
      as: "viewer",
      headers: { "last-event-id": "yesterday" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: "lastEventId" })]);
    expect(openStreamCount()).toBe(0);
  });

  it("sends heartbeat comments at the configured interval", async () => {
    process.env.LIVE_HEARTBEAT_MS = "30";
    const id = await declare();
    const stream = await track(streamOf(id));
    await stream.waitFor((m) => m.filter((x) => x.comment === "heartbeat").length >= 2, "two heartbeats");
  });

  it("lets go of the hub when the client disconnects (abort or cancel)", async () => {
    const id = await declare();
    const aborted = await streamOf(id);
    const cancelled = await streamOf(id);
    expect(openStreamCount()).toBe(2);
    expect(attachedSinkCount()).toBe(2);
    aborted.abort();
    await eventually(
      () => openStreamCount() === 1 && attachedSinkCount() === 1,
      "the aborted stream to detach",
    );
    await cancelled.cancel();
    await eventually(
      () => openStreamCount() === 0 && attachedSinkCount() === 0,
      "the cancelled stream to detach",
    );
    // With nothing attached the hub has stopped listening; a new stream starts it again and works.
    const again = await track(streamOf(id));
    await postUpdate(id, "after reconnect");
    expect((await again.waitForEvents(1))[0].data.message).toBe("after reconnect");
  });

  it("ends every open stream on shutdown, so the server can stop (clients reconnect elsewhere)", async () => {
    const id = await declare();
    const stream = await track(streamOf(id));
    await stream.waitFor((m) => m.length > 0, "the stream to open");
    closeAllStreams();
    await expect(stream.waitFor(() => false, "the end")).rejects.toThrow("Stream ended");
    expect(openStreamCount()).toBe(0);
  });

  it("reads the events table once per change for all open streams, not once per stream", async () => {
    const id = await declare();
    const streams = await Promise.all(Array.from({ length: 20 }, () => track(streamOf(id))));
    const before = runningHub()!.reads;
    await postUpdate(id, "to everyone");
    for (const stream of streams) expect((await stream.waitForEvents(1))[0].data.message).toBe("to everyone");
    // One notification, one read (a second only if a notification came in while the first ran).
    expect(runningHub()!.reads - before).toBeLessThanOrEqual(2);
  });

  it("refuses streams beyond the per-process cap with 503", async () => {
    process.env.LIVE_MAX_STREAMS = "1";
    const id = await declare();
    await track(streamOf(id));
    const refused = await call(incidentEvents.GET, `${PATH}/${id}/events`, { params: { id }, as: "viewer" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("5");
  });
});

describe("limits per user and on replay", () => {
  it("refuses a user's streams beyond the per-user cap with 429, while others still get theirs", async () => {
    process.env.LIVE_MAX_STREAMS_PER_USER = "2";
    const id = await declare();
    await track(streamOf(id));
    await track(openSse(allEvents.GET, "/api/dashboard/events"));
    const refused = await call(incidentEvents.GET, `${PATH}/${id}/events`, { params: { id }, as: "viewer" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.json.detail).toMatch(/2 live streams/);
    const other = await track(streamOf(id, { as: "responder" }));
    expect(other.response.status).toBe(200);
    expect(openStreamCount()).toBe(3);
    // A closed stream gives its slot back.
    open[0].abort();
    await eventually(() => openStreamCount() === 2, "the stream to close");
    expect((await track(streamOf(id))).response.status).toBe(200);
  });

  it("replays at most LIVE_MAX_REPLAY events; past that it says reset, resumes from the newest id and goes on live", async () => {
    process.env.LIVE_MAX_REPLAY = "3";
    const id = await declare();
    const first = await track(streamOf(id));
    await postUpdate(id, "seen");
    const [seen] = await first.waitForEvents(1);
    first.abort();
    for (const n of [1, 2, 3]) await postUpdate(id, `missed ${n}`);

    const exact = await track(streamOf(id, { headers: { "last-event-id": String(seen.id) } }));
    const replayed = await exact.waitForEvents(3, "the whole replay");
    expect(replayed.map((e) => e.data.message)).toEqual(["missed 1", "missed 2", "missed 3"]);
    expect(exact.messages.some((m) => m.event === "stream.reset")).toBe(false);

    await postUpdate(id, "missed 4");
    // Once the open stream has it, the hub's cursor is past it: the next stream's replay covers it.
    await exact.waitForEvents(4, "the fourth update, live");
    const cut = await track(streamOf(id, { headers: { "last-event-id": String(seen.id) } }));
    const [reset] = (await cut.waitFor((m) => m.some((x) => x.event === "stream.reset"), "the reset")).filter(
      (m) => m.event === "stream.reset",
    );
    const [newest] = await queryRows<{ id: number }>(sql`select max(id)::int as id from events`);
    expect(Number(reset.id)).toBe(newest.id);
    expect(cut.events().filter((e) => e.type !== "stream.reset")).toEqual([]);
    await postUpdate(id, "live");
    const after = await cut.waitFor((m) => m.some((x) => x.data?.includes('"live"')), "the live update");
    expect(after.filter((m) => m.event?.startsWith("incident.")).length).toBe(1);
  });
});

describe("ordering: ids are taken before commit", () => {
  const burnId = async () =>
    Number((await queryRows<{ id: number }>(sql`select nextval('events_id_seq')::int as id`))[0].id);
  // What a slow transaction does: its event row (with the id it took earlier) commits late.
  const commitLate = async (eventId: number, incidentId: string, message: string) => {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into events (id, type, incident_id, subject_id, payload, actor)
        values (${eventId}, 'incident.update_posted', ${incidentId}, ${incidentId}, ${JSON.stringify({ kind: "update", message })}::jsonb, 'slow')`);
      await tx.execute(
        sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ id: eventId, type: "incident.update_posted", incidentId })})`,
      );
    });
  };

  it("holds a later id until the earlier one commits, so the stream stays in id order", async () => {
    process.env.LIVE_GAP_WAIT_MS = "60000";
    const id = await declare();
    const stream = await track(streamOf(id));
    const slow = await burnId();
    await postUpdate(id, "fast");
    await commitLate(slow, id, "slow");
    const events = await stream.waitForEvents(2);
    expect(events.map((e) => [e.id, e.data.message])).toEqual([
      [slow, "slow"],
      [slow + 1, "fast"],
    ]);
  });

  it("skips a gap that does not fill (a rollback) after the wait, and still delivers a very late commit", async () => {
    process.env.LIVE_GAP_WAIT_MS = "50";
    const id = await declare();
    const stream = await track(streamOf(id));
    const slow = await burnId();
    await postUpdate(id, "fast");
    await stream.waitForEvents(1, "the update behind the gap");
    await commitLate(slow, id, "very late");
    const events = await stream.waitForEvents(2, "the late event");
    expect(events.map((e) => [e.id, e.data.message])).toEqual([
      [slow + 1, "fast"],
      [slow, "very late"],
    ]);
    // The resume point goes back to the highest id, so a reconnect does not replay "fast" again.
    await stream.waitFor(
      (m) => m.at(-1)?.id === String(slow + 1) && m.at(-1)?.data === undefined,
      "the resume point",
    );
  });
});

describe("GET /api/dashboard/events", () => {
  it("streams every incident's changes, a newly declared one with its title, and narrows by ?types", async () => {
    const everything = await track(openSse(allEvents.GET, "/api/dashboard/events"));
    const alertsOnly = await track(openSse(allEvents.GET, "/api/dashboard/events?types=alert"));
    await everything.waitFor((m) => m.some((x) => x.retry !== undefined), "the stream to open");
    await alertsOnly.waitFor((m) => m.some((x) => x.retry !== undefined), "the stream to open");
    const id = await declare("Checkout is down");
    const [declared] = await everything.waitForEvents(1, "the declaration");
    expect(declared).toMatchObject({
      type: "incident.declared",
      incidentId: id,
      data: { title: "Checkout is down", severity: "SEV1", incidentVersion: 1 },
    });
    expect(alertsOnly.events()).toEqual([]);

    const bad = await call(allEvents.GET, "/api/dashboard/events?types=nonsense", { as: "viewer" });
    expect(bad.status).toBe(422);
    const anonymous = await call(allEvents.GET, "/api/dashboard/events", { as: "anonymous" });
    expect(anonymous.status).toBe(401);
  });
});

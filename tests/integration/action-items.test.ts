import { beforeEach, describe, expect, it } from "vitest";
import * as itemRoute from "@/app/api/action-items/[id]/route";
import * as collection from "@/app/api/action-items/route";
import * as postmortemRoute from "@/app/api/dashboard/incidents/[id]/postmortem/route";
import { getDb } from "@/db/client";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { updateIncident } from "@/lib/incidents/update-incident";
import { call, resetDatabase, responder } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";

const PATH = "/api/action-items";
const create = (body: unknown, as: "viewer" | "responder" = "responder") =>
  call(collection.POST, PATH, { method: "POST", body, as });
const patch = (id: number | string, body: unknown, headers: Record<string, string> = {}) =>
  call(itemRoute.PATCH, `${PATH}/${id}`, { method: "PATCH", params: { id: String(id) }, body, headers });
const list = (query: string) => call(collection.GET, `${PATH}?${query}`);

async function declare(title: string, services = ["checkout-api"]) {
  return (
    await declareIncident(await getDb(), responder, {
      title,
      severity: "SEV2",
      services,
      environment: "production",
    })
  ).id;
}

beforeEach(async () => {
  await resetDatabase();
});

describe("action items", () => {
  it("go open → in progress → done, every change on the incident's timeline, and leave the open list", async () => {
    const db = await getDb();
    const id = await declare("Checkout failing");
    const created = await create({
      incidentId: id,
      title: "Add a null check test",
      ownerId: "user_def456",
      dueDate: "2026-04-01",
      priority: "high",
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${PATH}/${created.json.id}`);
    expect(created.json).toMatchObject({
      incidentId: id,
      title: "Add a null check test",
      ownerName: "Priya Natarajan",
      status: "open",
      priority: "high",
      dueDate: "2026-04-01",
    });

    expect((await patch(created.json.id, { status: "in_progress" })).json.status).toBe("in_progress");
    const done = await patch(created.json.id, {
      status: "done",
      ticketUrl: "https://tracker.example.com/T-12",
    });
    expect(done.json).toMatchObject({ status: "done", ticketUrl: "https://tracker.example.com/T-12" });
    expect(done.json.completedAt).not.toBeNull();

    const entries = (await listTimeline(db, responder, id)).filter((e) => e.kind.startsWith("action_item"));
    expect(entries.map((e) => [e.kind, e.data.from ?? null, e.data.to ?? null])).toEqual([
      ["action_item_created", null, null],
      ["action_item_changed", "open", "in_progress"],
      ["action_item_changed", null, null],
      ["action_item_changed", "in_progress", "done"],
    ]);
    expect(entries[2].data.fields).toEqual(["ticketUrl"]);

    const open = await list("status=open");
    expect(open.json.items).toEqual([]);
    expect(open.json.counts).toMatchObject({ open: 0, in_progress: 0, done: 1 });
    expect((await list("status=done")).json.items.map((i: { id: number }) => i.id)).toEqual([
      created.json.id,
    ]);
  });

  it("is made from a timeline entry of the same incident only", async () => {
    const db = await getDb();
    const id = await declare("Checkout A down");
    const other = await declare("Search B slow");
    const [declared] = await listTimeline(db, responder, id);
    const [foreign] = await listTimeline(db, responder, other);
    const made = await create({ incidentId: id, title: "Page sooner", timelineEntryId: declared.id });
    expect(made.json.timelineEntryId).toBe(declared.id);
    const refused = await create({ incidentId: id, title: "Page sooner", timelineEntryId: foreign.id });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0].path).toBe("timelineEntryId");
  });

  it("refuses bad input, viewers and unknown ids without changing anything", async () => {
    const id = await declare("Checkout A down");
    expect((await create({ incidentId: id, title: "" })).status).toBe(422);
    expect((await create({ incidentId: id, title: "x", priority: "urgent" })).status).toBe(422);
    expect((await create({ incidentId: id, title: "x", dueDate: "next week" })).status).toBe(422);
    expect((await create({ incidentId: id, title: "x", ownerId: "user_viewer" })).status).toBe(422);
    expect((await create({ incidentId: id, title: "x", ticketUrl: "javascript:alert(1)" })).status).toBe(422);
    expect((await create({ incidentId: "INC-2026-9999", title: "x" })).status).toBe(404);
    expect((await create({ incidentId: id, title: "x" }, "viewer")).status).toBe(403);
    expect((await list("")).json.items).toEqual([]);
    const item = await create({ incidentId: id, title: "x" });
    expect((await patch(item.json.id, { status: "finished" })).status).toBe(422);
    expect((await patch(item.json.id, {})).status).toBe(422);
    expect((await patch(999999, { status: "done" })).status).toBe(404);
    expect((await patch("abc", { status: "done" })).status).toBe(404);
    expect(
      (await patch(item.json.id, { status: "done" }, { "if-match": `"${item.json.version + 5}"` })).status,
    ).toBe(412);
    expect((await list("tz=Mars/Olympus")).status).toBe(422);
    expect((await list("")).json.items[0].status).toBe("open");
  });

  it("filters by owner, service and overdue (in the viewer's time zone), with a cursor", async () => {
    const a = await declare("Checkout A down", ["checkout-api"]);
    const b = await declare("Search B slow", ["search-api"]);
    await create({ incidentId: a, title: "past due", dueDate: "2020-01-01", ownerId: "user_def456" });
    await create({ incidentId: b, title: "far future", dueDate: "2999-01-01" });
    await create({ incidentId: b, title: "no date" });
    expect((await list("owner=user_def456")).json.items.map((i: { title: string }) => i.title)).toEqual([
      "past due",
    ]);
    expect((await list("service=search-api")).json.items.map((i: { title: string }) => i.title)).toEqual([
      "no date",
      "far future",
    ]);
    const overdue = await list("overdue=true&tz=Asia/Tokyo");
    expect(overdue.json.items.map((i: { title: string; overdue: boolean }) => [i.title, i.overdue])).toEqual([
      ["past due", true],
    ]);
    expect(overdue.json.counts.overdue).toBe(1);
    expect((await list("overdue=false")).json.items).toHaveLength(2);
    const first = await list("limit=2");
    expect(first.json.items).toHaveLength(2);
    const second = await list(`limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((i: { title: string }) => i.title)).toEqual(["past due"]);
    expect(second.json.nextCursor).toBeNull();
  });

  it("appear in the draft postmortem, and only their state changes once it is published", async () => {
    const db = await getDb();
    const id = await declare("Checkout A down");
    await updateIncident(db, responder, id, { status: "resolved", resolutionSummary: "Fixed" });
    await runConsumers();
    const item = await create({ incidentId: id, title: "Alert on 502 rate" });
    expect(item.json.postmortemId).not.toBeNull();
    const pmPath = `/api/dashboard/incidents/${id}/postmortem`;
    const pm = await call(postmortemRoute.GET, pmPath, { params: { id } });
    expect(pm.json.sections.find((s: { key: string }) => s.key === "action_items").text).toBe(
      "- [ ] Alert on 502 rate (medium, open)",
    );
    expect(pm.json.actionItems.map((i: { title: string }) => i.title)).toEqual(["Alert on 502 rate"]);
    await call(postmortemRoute.PUT, pmPath, { method: "PUT", params: { id }, body: { status: "in_review" } });
    const published = await call(postmortemRoute.PUT, pmPath, {
      method: "PUT",
      params: { id },
      body: { status: "published" },
    });
    expect((await patch(item.json.id, { title: "Renamed" })).status).toBe(409);
    expect((await patch(item.json.id, { status: "done" })).json.status).toBe("done");
    const after = await call(postmortemRoute.GET, pmPath, { params: { id } });
    expect(after.json.actionItems[0].status).toBe("done");
    // The published document stays as it was; the item's state is live.
    expect(after.json.markdown).toBe(published.json.markdown);
    expect(after.json.markdown).toContain("- [ ] Alert on 502 rate (medium, open)");
  });
});

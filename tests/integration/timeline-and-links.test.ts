import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as links from "@/app/api/dashboard/incidents/[id]/links/route";
import { getDb } from "@/db/client";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
import { sql } from "drizzle-orm";

const PATH = "/api/dashboard/incidents";
const declare = async () => {
  const res = await call(collection.POST, PATH, { method: "POST", body: validIncident });
  expect(res.status).toBe(201);
  return res.json.id as string;
};
const post = (id: string, body: unknown) =>
  call(timeline.POST, `${PATH}/${id}/timeline`, { method: "POST", body, params: { id } });
const list = (id: string) => call(timeline.GET, `${PATH}/${id}/timeline`, { params: { id } });
const link = (id: string, body: unknown) =>
  call(links.POST, `${PATH}/${id}/links`, { method: "POST", body, params: { id } });
const unlink = (id: string, options: { body?: unknown; query?: string }) =>
  call(links.DELETE, `${PATH}/${id}/links${options.query ?? ""}`, {
    method: "DELETE",
    body: options.body,
    params: { id },
  });
const paths = (res: { json: { errors?: { path: string }[] } }) =>
  (res.json.errors ?? []).map((e) => e.path).sort();

type EntryRow = { id: number; kind: string; message: string | null };
const entryRows = (id: string) =>
  queryRows<EntryRow>(
    sql`select id::int as id, kind, message from timeline_entries where incident_id = ${id} order by id`,
  );
const allEntries = async () =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from timeline_entries`))[0].n);
const linkRows = (id: string) =>
  queryRows<{ type: string; target_id: string }>(
    sql`select type, target_id from incident_links where incident_id = ${id} order by id`,
  );
const version = async (id: string) =>
  (await call(item.GET, `${PATH}/${id}`, { params: { id } })).json.version as number;

beforeEach(async () => {
  await resetDatabase();
});

describe("POST/GET /api/dashboard/incidents/:id/timeline", () => {
  it("adds update, action and resolution entries with 201 and Location, listed oldest first", async () => {
    const id = await declare();
    const created: number[] = [];
    for (const type of ["update", "action", "resolution"]) {
      const res = await post(id, { type, message: `**${type}**: rolled back` });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({
        incidentId: id,
        kind: type,
        actor: "token:test-responder",
        message: `**${type}**: rolled back`,
      });
      expect(res.headers.get("location")).toBe(`${PATH}/${id}/timeline#${res.json.id}`);
      created.push(res.json.id);
    }
    const res = await list(id);
    expect(res.status).toBe(200);
    expect(res.json.items.map((e: { kind: string }) => e.kind)).toEqual([
      "declared",
      "update",
      "action",
      "resolution",
    ]);
    expect(res.json.items.slice(1).map((e: { id: number }) => e.id)).toEqual(created);
    const rows = await entryRows(id);
    expect(rows.map((r) => r.kind)).toEqual(["declared", "update", "action", "resolution"]);
    expect(rows[3].message).toBe("**resolution**: rolled back");
    // Each update is a change others must notice: one version per post.
    expect(await version(id)).toBe(4);
  });

  it("changes the incident's ETag, so a PATCH from before the update gets 412", async () => {
    const id = await declare();
    const before = (await call(item.GET, `${PATH}/${id}`, { params: { id } })).headers.get("etag");
    expect((await post(id, { type: "update", message: "Still investigating" })).status).toBe(201);
    const after = await call(item.GET, `${PATH}/${id}`, { params: { id } });
    expect(after.headers.get("etag")).not.toBe(before);
    expect(after.json.version).toBe(2);
    const stale = await call(item.PATCH, `${PATH}/${id}`, {
      method: "PATCH",
      body: { severity: "SEV2" },
      headers: { "if-match": before! },
      params: { id },
    });
    expect(stale.status).toBe(412);
    expect((await call(item.GET, `${PATH}/${id}`, { params: { id } })).json.severity).toBe("SEV1");
    const fresh = await call(item.PATCH, `${PATH}/${id}`, {
      method: "PATCH",
      body: { severity: "SEV2" },
      headers: { "if-match": after.headers.get("etag")! },
      params: { id },
    });
    expect(fresh.status).toBe(200);
  });

  it("refuses a bad type, an empty message and unknown fields with 422 and writes nothing", async () => {
    const id = await declare();
    const badType = await post(id, { type: "gossip", message: "hello" });
    expect(badType.status).toBe(422);
    expect(badType.headers.get("content-type")).toBe("application/problem+json");
    expect(paths(badType)).toEqual(["type"]);
    const empty = await post(id, { type: "update", message: "   " });
    expect(empty.status).toBe(422);
    expect(paths(empty)).toEqual(["message"]);
    const missing = await post(id, { type: "update" });
    expect(paths(missing)).toEqual(["message"]);
    const extra = await post(id, { type: "update", message: "ok", kind: "status_changed" });
    expect(extra.status).toBe(422);
    expect(paths(extra)).toEqual(["kind"]);
    expect((await entryRows(id)).map((r) => r.kind)).toEqual(["declared"]);
  });

  it("answers 404 for an unknown incident and writes no row", async () => {
    await declare();
    const before = await allEntries();
    const res = await post("INC-1999-0042", { type: "update", message: "hello" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.status).toBe(404);
    expect(await allEntries()).toBe(before);
    expect(
      (await queryRows(sql`select id from timeline_entries where incident_id = 'INC-1999-0042'`)).length,
    ).toBe(0);
    expect((await list("INC-1999-0042")).status).toBe(404);
  });

  it("refuses malformed JSON with 400", async () => {
    const id = await declare();
    const res = await call(timeline.POST, `${PATH}/${id}/timeline`, {
      method: "POST",
      rawBody: "{message:",
      headers: { "content-type": "application/json" },
      params: { id },
    });
    expect(res.status).toBe(400);
    expect((await entryRows(id)).length).toBe(1);
  });
});

describe("timeline entries are append-only in the database", () => {
  it("refuses a direct UPDATE and a direct DELETE and leaves the rows as they were", async () => {
    const id = await declare();
    expect((await post(id, { type: "update", message: "original" })).status).toBe(201);
    const before = await entryRows(id);
    expect(before.map((r) => r.message)).toEqual([null, "original"]);
    const db = await getDb();
    // Drizzle wraps the driver's error; the trigger's message is on the cause.
    const refusal = async (query: ReturnType<typeof sql>) => {
      const error = await db.execute(query).then(
        () => undefined,
        (e: Error & { cause?: Error }) => e,
      );
      expect(error).toBeInstanceOf(Error);
      return String(error?.cause?.message ?? error?.message);
    };
    expect(await refusal(sql`UPDATE timeline_entries SET message = 'x'`)).toMatch(
      /append-only \(UPDATE refused\)/,
    );
    expect(await refusal(sql`DELETE FROM timeline_entries`)).toMatch(/append-only \(DELETE refused\)/);
    expect(
      await refusal(sql`DELETE FROM timeline_entries WHERE incident_id = ${id} AND kind = 'update'`),
    ).toMatch(/append-only/);
    expect(await entryRows(id)).toEqual(before);
  });
});

describe("links", () => {
  it("links with 201, lists the links and records alert_fired for an alert, link_added for the rest", async () => {
    const id = await declare();
    const res = await link(id, { type: "alert", targetId: "alert_high_error_rate" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      type: "alert",
      targetId: "alert_high_error_rate",
      createdBy: "token:test-responder",
    });
    expect(res.headers.get("location")).toBe(`${PATH}/${id}/links`);
    expect((await link(id, { type: "release", targetId: "v2.14.0" })).status).toBe(201);

    const listed = await call(links.GET, `${PATH}/${id}/links`, { params: { id } });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((l: { type: string; targetId: string }) => [l.type, l.targetId])).toEqual([
      ["alert", "alert_high_error_rate"],
      ["release", "v2.14.0"],
    ]);
    expect(await linkRows(id)).toEqual([
      { type: "alert", target_id: "alert_high_error_rate" },
      { type: "release", target_id: "v2.14.0" },
    ]);
    const added = (await list(id)).json.items.filter((e: { kind: string }) =>
      ["alert_fired", "link_added"].includes(e.kind),
    );
    // An alert is linked the one way ingest links it too (lib/alerts/alert-incidents.ts).
    expect(added.map((e: { kind: string; data: unknown }) => [e.kind, e.data])).toEqual([
      [
        "alert_fired",
        { alertId: "alert_high_error_rate", title: null, value: null, threshold: null, severity: null },
      ],
      ["link_added", { type: "release", targetId: "v2.14.0" }],
    ]);
    expect(await version(id)).toBe(3);
  });

  it("refuses a duplicate link with 409 problem+json and keeps one row", async () => {
    const id = await declare();
    expect((await link(id, { type: "error_group", targetId: "eg_77" })).status).toBe(201);
    const dup = await link(id, { type: "error_group", targetId: "eg_77" });
    expect(dup.status).toBe(409);
    expect(dup.headers.get("content-type")).toBe("application/problem+json");
    expect(dup.json.status).toBe(409);
    expect(paths(dup)).toEqual(["targetId"]);
    expect(await linkRows(id)).toEqual([{ type: "error_group", target_id: "eg_77" }]);
    // The same target with another type is a different link.
    expect((await link(id, { type: "trace", targetId: "eg_77" })).status).toBe(201);
  });

  it("refuses an invalid type or target with 422 and an unknown incident with 404", async () => {
    const id = await declare();
    const badType = await link(id, { type: "ticket", targetId: "JIRA-1" });
    expect(badType.status).toBe(422);
    expect(paths(badType)).toEqual(["type"]);
    const badTarget = await link(id, { type: "alert", targetId: "has space" });
    expect(badTarget.status).toBe(422);
    expect(paths(badTarget)).toEqual(["targetId"]);
    const unknown = await link("INC-1999-0001", { type: "alert", targetId: "a1" });
    expect(unknown.status).toBe(404);
    expect(await linkRows(id)).toEqual([]);
    expect(
      (await call(links.GET, `${PATH}/INC-1999-0001/links`, { params: { id: "INC-1999-0001" } })).status,
    ).toBe(404);
  });

  it("unlinks via the body and via ?type=&targetId= with 204, recording link_removed", async () => {
    const id = await declare();
    await link(id, { type: "alert", targetId: "a1" });
    await link(id, { type: "trace", targetId: "t-9" });
    await link(id, { type: "release", targetId: "v1" });

    const byBody = await unlink(id, { body: { type: "alert", targetId: "a1" } });
    expect(byBody.status).toBe(204);
    expect(byBody.text).toBe("");
    const byQuery = await unlink(id, { query: "?type=trace&targetId=t-9" });
    expect(byQuery.status).toBe(204);

    expect(await linkRows(id)).toEqual([{ type: "release", target_id: "v1" }]);
    const removed = (await list(id)).json.items.filter((e: { kind: string }) => e.kind === "link_removed");
    expect(removed.map((e: { data: unknown }) => e.data)).toEqual([
      { type: "alert", targetId: "a1" },
      { type: "trace", targetId: "t-9" },
    ]);
  });

  it("answers 404 when deleting a link that does not exist, and 422 for a half-named one", async () => {
    const id = await declare();
    await link(id, { type: "alert", targetId: "a1" });
    const before = (await entryRows(id)).length;
    const missing = await unlink(id, { body: { type: "alert", targetId: "a2" } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    const missingQuery = await unlink(id, { query: "?type=release&targetId=a1" });
    expect(missingQuery.status).toBe(404);
    const half = await unlink(id, { query: "?type=alert" });
    expect(half.status).toBe(422);
    expect(paths(half)).toEqual(["targetId"]);
    expect(await linkRows(id)).toEqual([{ type: "alert", target_id: "a1" }]);
    expect((await entryRows(id)).length).toBe(before);
  });
});

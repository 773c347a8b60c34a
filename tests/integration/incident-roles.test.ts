import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as collection from "@/app/api/dashboard/incidents/route";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

// Who may hold an incident role (commander, technical lead, communicator): responders and admins.
const PATH = "/api/dashboard/incidents";
const VIEWER = "user_viewer";
const declare = (body: unknown) => call(collection.POST, PATH, { method: "POST", body });
const patch = (id: string, body: unknown) =>
  call(item.PATCH, `${PATH}/${id}`, { method: "PATCH", params: { id }, body });
const count = async (table: "incidents" | "timeline_entries") =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n);
const errors = (res: { json: { errors?: { path: string; message: string }[] } }) => res.json.errors ?? [];

beforeEach(async () => {
  await resetDatabase();
});

describe("declaring with a role holder", () => {
  it("refuses a viewer as commander with 422 on commanderId and stores nothing", async () => {
    const res = await declare({ ...validIncident, commanderId: VIEWER });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(errors(res)).toEqual([
      {
        path: "commanderId",
        message: expect.stringMatching(
          /Vic Viewer is a viewer; only responders and admins can be incident commander/,
        ),
      },
    ]);
    expect(await count("incidents")).toBe(0);
    expect(await count("timeline_entries")).toBe(0);
  });

  it("refuses a viewer as technical lead or communicator, and an unknown user, each on its own field", async () => {
    const res = await declare({
      ...validIncident,
      commanderId: "user_nobody",
      technicalLeadId: VIEWER,
      communicatorId: VIEWER,
    });
    expect(res.status).toBe(422);
    expect(
      errors(res)
        .map((e) => e.path)
        .sort(),
    ).toEqual(["commanderId", "communicatorId", "technicalLeadId"]);
    expect(errors(res).find((e) => e.path === "commanderId")?.message).toMatch(
      /No user with id "user_nobody"/,
    );
    expect(await count("incidents")).toBe(0);
  });

  it("accepts a responder and an admin", async () => {
    const res = await declare({
      ...validIncident,
      commanderId: "user_def456",
      technicalLeadId: "user_abc123",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ commanderId: "user_def456", technicalLeadId: "user_abc123" });
  });
});

describe("changing a role holder", () => {
  it("refuses a viewer as commander with 422 on commanderId and leaves the incident as it was", async () => {
    const id = (await declare({ ...validIncident, commanderId: "user_def456" })).json.id as string;
    const entriesBefore = await count("timeline_entries");
    for (const field of ["commanderId", "technicalLeadId", "communicatorId"]) {
      const res = await patch(id, { [field]: VIEWER, title: "Renamed in the same request" });
      expect(res.status).toBe(422);
      expect(errors(res).map((e) => e.path)).toEqual([field]);
    }
    const unknown = await patch(id, { commanderId: "user_nobody" });
    expect(unknown.status).toBe(422);
    expect(errors(unknown).map((e) => e.path)).toEqual(["commanderId"]);
    const after = await call(item.GET, `${PATH}/${id}`, { params: { id } });
    expect(after.json).toMatchObject({
      version: 1,
      commanderId: "user_def456",
      technicalLeadId: null,
      title: validIncident.title,
    });
    expect(await count("timeline_entries")).toBe(entriesBefore);
  });

  it("still saves other changes when a form re-sends a holder who has since become a viewer", async () => {
    const id = (await declare({ ...validIncident, commanderId: "user_def456" })).json.id as string;
    await queryRows(sql`update users set role = 'viewer' where id = 'user_def456'`);
    const res = await patch(id, { commanderId: "user_def456", technicalLeadId: "user_abc123" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      version: 2,
      commanderId: "user_def456",
      technicalLeadId: "user_abc123",
    });
  });
});

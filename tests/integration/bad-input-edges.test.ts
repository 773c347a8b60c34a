import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as metrics from "@/app/api/dashboard/incidents/metrics/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timeline from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole } from "@/lib/users/change-user-role";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

const PATH = "/api/dashboard/incidents";
const cursorFor = (createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");

beforeEach(async () => {
  await resetDatabase();
});

// Inputs that PostgreSQL itself would reject (NUL in text, years it cannot store) must be caught as
// client mistakes, never reach the database as a 500.
describe("edge inputs are 4xx, never 500", () => {
  it("a NUL character anywhere is a 422 naming the field, or a 404 in a path", async () => {
    const declared = await call(collection.POST, PATH, {
      method: "POST",
      body: { ...validIncident, title: "bad\u0000title", declaredBy: "x\u0000" },
    });
    expect(declared.status).toBe(422);
    expect(declared.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["declaredBy", "title"]);
    expect((await call(collection.GET, `${PATH}?q=%00`)).status).toBe(422);
    expect(
      (await call(collection.GET, `${PATH}?cursor=${cursorFor("2026-03-01T00:00:00Z", "\u0000")}`)).status,
    ).toBe(422);
    expect((await call(item.GET, `${PATH}/%00`, { params: { id: "\u0000" } })).status).toBe(404);
    expect((await call(timeline.GET, `${PATH}/%00/timeline`, { params: { id: "\u0000" } })).status).toBe(404);
    const created = await call(collection.POST, PATH, { method: "POST", body: validIncident });
    const patch = await call(item.PATCH, `${PATH}/${created.json.id}`, {
      method: "PATCH",
      params: { id: created.json.id },
      body: { description: "a\u0000b" },
    });
    expect(patch.status).toBe(422);
    expect(patch.json.errors[0].path).toBe("description");
    expect((await queryRows(sql`select id from incidents`)).length).toBe(1);
  });

  it("dates PostgreSQL cannot hold are a 422", async () => {
    expect((await call(collection.GET, `${PATH}?from=0000-01-01`)).status).toBe(422);
    expect((await call(collection.GET, `${PATH}?to=9999-12-31`)).status).toBe(422);
    expect(
      (await call(collection.GET, `${PATH}?cursor=${cursorFor("0000-06-01T00:00:00Z", "INC-1")}`)).status,
    ).toBe(422);
    expect(
      (
        await call(collection.POST, PATH, {
          method: "POST",
          body: { ...validIncident, impactStartedAt: "0000-06-01T00:00:00Z" },
        })
      ).status,
    ).toBe(422);
    for (const query of ["from=0001-01-01&to=2026-01-01", "to=9999-12-31", "from=0000-01-01"]) {
      expect((await call(metrics.GET, `${PATH}/metrics?${query}`)).status).toBe(422);
    }
  });

  it("two admins demoting each other at once: one wins, the other gets 409, no deadlock", async () => {
    const db = await getDb();
    const system = { type: "system", name: "test", role: "admin" } as const;
    const a = await createUser(db, system, {
      email: "a@example.com",
      name: "A",
      role: "admin",
      password: "long-enough-pass",
    });
    const b = await createUser(db, system, {
      email: "b@example.com",
      name: "B",
      role: "admin",
      password: "long-enough-pass",
    });
    await changeUserRole(db, system, "user_abc123", { role: "viewer" });
    for (let round = 0; round < 5; round++) {
      const results = await Promise.allSettled([
        changeUserRole(db, system, a.id, { role: "viewer" }),
        changeUserRole(db, system, b.id, { role: "viewer" }),
      ]);
      const codes = results
        .map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as { code?: string }).code))
        .sort();
      expect(codes).toEqual(["conflict", "ok"]);
      await changeUserRole(db, system, a.id, { role: "admin" });
      await changeUserRole(db, system, b.id, { role: "admin" });
    }
  });
});

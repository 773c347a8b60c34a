import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";
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

beforeEach(async () => {
  await resetDatabase();
});

describe("PATCH /api/dashboard/incidents/:id — If-Match", () => {
  it("applies the change with the current ETag and bumps the version", async () => {
    const id = await declare();
    const etag = (await get(id)).headers.get("etag")!;
    expect(etag).toBe('"1"');
    const res = await patch(id, { severity: "SEV2" }, { "if-match": etag });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"2"');
    expect(await row(id)).toMatchObject({ severity: "SEV2", version: 2 });
  });

  it("refuses a stale or foreign If-Match with 412 and changes nothing", async () => {
    const id = await declare();
    expect((await patch(id, { severity: "SEV2" })).status).toBe(200);
    const before = await entryCount(id);
    const stale = await patch(id, { severity: "SEV3", title: "Stale edit" }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    expect(stale.json.status).toBe(412);
    const garbage = await patch(id, { severity: "SEV3" }, { "if-match": "not-an-etag" });
    expect(garbage.status).toBe(412);
    expect(await row(id)).toMatchObject({
      severity: "SEV2",
      version: 2,
      title: "Payment processing failures",
    });
    expect(await entryCount(id)).toBe(before);
  });
});

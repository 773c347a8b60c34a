import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import { call, resetDatabase } from "@/tests/support/harness";

// Keyset pages of the incident list must add up to the whole ordered list: no row twice, none
// skipped, whatever the page size, when many incidents share one created_at (ties broken by id) and
// when timestamps carry microseconds (rows written by SQL, not by a JS Date).
const PATH = "/api/dashboard/incidents";

beforeAll(async () => {
  await resetDatabase();
  const db = await getDb();
  await db.execute(
    sql`insert into services (slug, name) values ('api', 'API'), ('db', 'DB') on conflict do nothing`,
  );
  // 45 incidents: groups of 5 on the very same instant, and microsecond offsets inside one millisecond.
  await db.execute(sql`insert into incidents (id, year, seq, title, severity, status, environment, declared_by, source, impact_started_at, created_at, updated_at)
    select 'INC-2026-' || lpad(g::text, 4, '0'), 2026, g, 'Keyset ' || g, 'SEV3', case when g % 3 = 0 then 'resolved' else 'investigating' end, 'production', 'test', 'api', t, t, t
      from generate_series(1, 45) g,
           lateral (select timestamptz '2026-05-01 12:00:00.123+00' - make_interval(mins => g / 5) + make_interval(secs => case when g > 35 then (g % 5) * 0.000001 else 0 end)) x(t)`);
  await db.execute(
    sql`insert into incident_services (incident_id, service_slug, incident_created_at) select id, case when seq % 2 = 0 then 'api' else 'db' end, created_at from incidents`,
  );
});

async function walk(query: string, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const response = await call(
      collection.GET,
      `${PATH}?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ""}`,
      { as: "viewer" },
    );
    expect(response.status).toBe(200);
    seen.push(...response.json.items.map((i: { id: string }) => i.id));
    cursor = response.json.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error("no last page");
}

async function expected(where = sql`true`) {
  const db = await getDb();
  const result = (await db.execute(
    sql`select id from incidents i where ${where} order by created_at desc, id desc`,
  )) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string }[];
  return rows.map((r) => r.id);
}

describe("incident list keyset pagination", () => {
  it("pages through ties on created_at and microsecond timestamps without gaps or repeats", async () => {
    const all = await expected();
    expect(all).toHaveLength(45);
    for (const limit of [1, 4, 5, 7, 45, 100]) expect(await walk("", limit)).toEqual(all);
  });

  it("keeps the filters across pages", async () => {
    const resolvedApi = await expected(
      sql`status = 'resolved' and exists (select 1 from incident_services s where s.incident_id = i.id and s.service_slug = 'api')`,
    );
    expect(resolvedApi.length).toBeGreaterThan(3);
    for (const limit of [1, 2, 5])
      expect(await walk("&status=resolved&service=api", limit)).toEqual(resolvedApi);
  });

  it("merges several statuses page by page, ties and bounds included", async () => {
    const all = await expected();
    for (const limit of [1, 4, 5, 45])
      expect(await walk("&status=investigating,resolved", limit)).toEqual(all);
    const open = await expected(sql`status in ('investigating', 'mitigated')`);
    for (const limit of [2, 7]) expect(await walk("&status=mitigated,investigating", limit)).toEqual(open);
    const from = "2026-05-01T11:56:00.000Z";
    const to = "2026-05-01T12:00:00.123Z";
    const windowed = await expected(sql`created_at between ${from} and ${to} and title ilike '%1%'`);
    expect(windowed.length).toBeGreaterThan(3);
    for (const limit of [1, 3])
      expect(await walk(`&status=resolved,investigating&from=${from}&to=${to}&q=1`, limit)).toEqual(windowed);
  });

  it("pages a service within a date window, bounds included", async () => {
    const from = "2026-05-01T11:56:00.000Z";
    const to = "2026-05-01T12:00:00.123Z";
    const inWindow = await expected(
      sql`created_at between ${from} and ${to} and exists (select 1 from incident_services s where s.incident_id = i.id and s.service_slug = 'db')`,
    );
    expect(inWindow.length).toBeGreaterThan(5);
    expect(inWindow.length).toBeLessThan(23);
    for (const limit of [1, 3, 50])
      expect(await walk(`&service=db&from=${from}&to=${to}`, limit)).toEqual(inWindow);
  });

  it("still accepts a millisecond cursor and refuses one it did not hand out", async () => {
    const legacy = Buffer.from(JSON.stringify(["2026-05-01T12:00:00.123Z", "INC-2026-0003"])).toString(
      "base64url",
    );
    const response = await call(collection.GET, `${PATH}?limit=100&cursor=${legacy}`, { as: "viewer" });
    expect(response.status).toBe(200);
    // Everything strictly before (12:00:00.123, INC-2026-0003) in the list's order.
    expect(response.json.items.map((i: { id: string }) => i.id)).toEqual(
      (await expected()).filter((id) => id !== "INC-2026-0004" && id !== "INC-2026-0003"),
    );
    const bad = Buffer.from(JSON.stringify(["yesterday", "INC-2026-0003"])).toString("base64url");
    expect((await call(collection.GET, `${PATH}?cursor=${bad}`, { as: "viewer" })).status).toBe(422);
  });
});

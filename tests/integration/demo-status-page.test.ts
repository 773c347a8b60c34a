import { beforeAll, describe, expect, it } from "vitest";
import * as defaultStatus from "@/app/status/route";
import type { Db } from "@/db/client";
import { seedDemo } from "@/lib/demo/seed-demo";
import { localDate } from "@/lib/status-pages/local-days";
import { forgetSnapshots, readSnapshot } from "@/lib/status-pages/snapshot-cache";
import type { PublicSnapshot } from "@/lib/status-pages/public-snapshot";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";
import { sql } from "drizzle-orm";

let db: Db;
let snapshot: PublicSnapshot;
const now = new Date();

beforeAll(async () => {
  db = await resetDatabase();
  forgetSnapshots(db);
  // resetDatabase leaves test users behind; the demo loads only into an empty organisation.
  await db.execute(sql`delete from api_tokens`);
  await db.execute(sql`delete from users`);
  expect(await seedDemo(db, { now })).toBe(true);
  snapshot = (await readSnapshot(db, { default: true }))!;
}, 240_000);

describe("the demo's status page", () => {
  it("answers /status with Acme Status, its groups and the demo services' components", async () => {
    const res = await call(defaultStatus.GET, "/status", { as: "anonymous" });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Acme Status");
    expect(snapshot.groups.map((g) => g.name)).toEqual(["Payments", "Storefront", "Accounts and messages"]);
    expect(snapshot.components).toHaveLength(6);
    const mapped = await queryRows<{ service_slug: string }>(
      sql`select service_slug from status_page_component_services order by service_slug`,
    );
    expect(mapped.map((r) => r.service_slug)).toContain("payment-service");
  });

  it("has resolved public incidents linked to demo incidents, with outage days on the bars", async () => {
    const linked = await queryRows<{ n: number | string }>(
      sql`select count(*) as n from public_incidents where incident_id is not null and resolved_at is not null`,
    );
    expect(Number(linked[0].n)).toBeGreaterThan(0);
    const days = snapshot.components.flatMap((c) => c.uptime!.days);
    expect(
      days.filter((d) => d.status === "major_outage" || d.status === "partial_outage").length,
    ).toBeGreaterThan(0);
    expect(snapshot.components.some((c) => c.uptime!.percent! < 100)).toBe(true);
    for (const c of snapshot.components) {
      expect(c.uptime!.days).toHaveLength(90);
      expect(c.uptime!.days.at(-1)!.date).toBe(localDate(now, snapshot.page.timeZone));
      // Created 60 days ago: the first days are no data.
      expect(c.uptime!.days[0].status).toBe("no_data");
    }
  });

  it("tells customers about the ongoing demo incident as monitoring, with the components' status", async () => {
    expect(snapshot.openIncidents.map((i) => i.phase)).toEqual(["monitoring"]);
    expect(snapshot.openIncidents[0].components.length).toBeGreaterThan(0);
    expect(snapshot.status).toBe("degraded_performance");
    // Customers' words, not the internal title.
    const titles = await queryRows<{ title: string }>(
      sql`select i.title from incidents i join public_incidents p on p.incident_id = i.id`,
    );
    for (const { title } of titles) expect(JSON.stringify(snapshot)).not.toContain(title);
  });
});

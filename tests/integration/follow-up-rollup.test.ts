import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createActionItem } from "@/lib/action-items/create-action-item";
import { updateActionItem } from "@/lib/action-items/update-action-item";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getFollowUpMetrics } from "@/lib/postmortems/get-follow-up-metrics";
import { resetDatabase, responder, viewer } from "@/tests/support/harness";

// getFollowUpMetrics counts from the daily rollups and checks only "quiet" days one by one; this
// compares it with the direct definition (every incident of the window against the 90 days before it)
// on random histories with long gaps, ties to the microsecond and incidents at any time of day.

const DAY = 86_400_000;
const START = Date.parse("2025-01-01T00:00:00Z");
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

/** The definition, straight from the incidents (the query before the rollups). */
async function direct(from: Date, to: Date) {
  const db = await getDb();
  const rows = rowsOf<{ service: string; incidents: number; repeats: number }>(
    await db.execute(sql`
      with recent as (
        select s.service_slug as service, i.created_at,
          count(*) over (partition by s.service_slug order by i.created_at
            range between interval '90 days' preceding and interval '1 microsecond' preceding) > 0 as repeat
        from incidents i join incident_services s on s.incident_id = i.id
        where i.created_at >= ${from.toISOString()}::timestamptz - interval '90 days' and i.created_at < ${to.toISOString()}::timestamptz
      )
      select service, count(*)::int as incidents, (count(*) filter (where repeat))::int as repeats
      from recent where created_at >= ${from.toISOString()}::timestamptz group by service order by 2 desc, 1`),
  );
  return rows.map((r) => ({
    service: r.service,
    incidents: Number(r.incidents),
    repeats: Number(r.repeats),
  }));
}

describe("follow-up metrics from the rollups", () => {
  beforeAll(async () => {
    await resetDatabase();
    const db = await getDb();
    const next = random(7);
    // busy-api every few days; rare-api in bursts months apart (quiet days); edge-api exactly 90 days apart.
    const plan: { at: number; services: string[] }[] = [];
    for (let t = START; t < START + 400 * DAY; t += (1 + next() * 4) * DAY)
      plan.push({ at: Math.round(t), services: next() < 0.3 ? ["busy-api", "rare-api"] : ["busy-api"] });
    for (const burst of [20, 130, 131, 260, 351, 352])
      plan.push({ at: START + burst * DAY + Math.round(next() * DAY), services: ["rare-api"] });
    const tie = START + 300 * DAY + 3_600_000;
    plan.push({ at: tie, services: ["tie-api"] }, { at: tie, services: ["tie-api"] });
    plan.push(
      { at: START + 200 * DAY + 7_200_000, services: ["edge-api"] },
      { at: START + 290 * DAY + 7_200_000, services: ["edge-api"] },
      { at: START + 380 * DAY + 7_199_999, services: ["edge-api"] },
    );
    // Several services on one day, hours apart.
    const hour = 3_600_000;
    plan.push(
      { at: START + 140 * DAY + hour, services: ["busy-api"] },
      { at: START + 140 * DAY + 2 * hour, services: ["gap-api"] },
    );
    plan.push({ at: START + 150 * DAY + 23 * hour, services: ["busy-api", "gap-api"] });
    let first: string | null = null;
    for (const p of plan) {
      const id = (
        await declareIncident(
          db,
          responder,
          { title: "Outage", severity: "SEV2", services: p.services, environment: "production" },
          { now: new Date(p.at) },
        )
      ).id;
      if (p.at > START + 300 * DAY && !first) first = id;
    }
    const item = await createActionItem(
      db,
      responder,
      { incidentId: first!, title: "Fix" },
      { now: new Date(START + 330 * DAY) },
    );
    await updateActionItem(
      db,
      responder,
      String(item.id),
      { status: "done" },
      { now: new Date(START + 333 * DAY) },
    );
  });

  it("gives the same incidents and repeats per service as the direct definition", async () => {
    // Whole UTC days, as the metrics page asks (the rollups refuse anything else).
    const today = Math.floor(Date.now() / DAY) * DAY;
    const windows = [
      [START + 100 * DAY, START + 130 * DAY],
      [START + 120 * DAY, START + 211 * DAY],
      [START + 255 * DAY, START + 400 * DAY],
      [START + 290 * DAY, START + 381 * DAY],
      [START + 300 * DAY, START + 301 * DAY],
      [START + 351 * DAY, START + 353 * DAY],
      [START + 130 * DAY, START + 261 * DAY],
      [START + 140 * DAY, START + 151 * DAY],
      // Through today (the page's preset windows end tomorrow at 00:00).
      [START + 330 * DAY, today + DAY],
    ];
    for (const [from, to] of windows) {
      const rows = await getFollowUpMetrics(await getDb(), viewer, {
        from: new Date(from),
        to: new Date(to),
      });
      expect(rows.map((r) => ({ service: r.service, incidents: r.incidents, repeats: r.repeats }))).toEqual(
        await direct(new Date(from), new Date(to)),
      );
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it("counts the action items of the window's incidents", async () => {
    const rows = await getFollowUpMetrics(await getDb(), viewer, {
      from: new Date(START + 300 * DAY),
      to: new Date(START + 400 * DAY),
    });
    const withItems = rows.filter((r) => r.actionItems > 0);
    expect(withItems.length).toBeGreaterThan(0);
    for (const r of withItems)
      expect([r.actionItems, r.done, r.completionRate, r.medianDaysToClose]).toEqual([1, 1, 1, 3]);
  });

  it("refuses a window that cuts a day", async () => {
    await expect(
      getFollowUpMetrics(await getDb(), viewer, {
        from: new Date(START + 100 * DAY + 1),
        to: new Date(START + 130 * DAY),
      }),
    ).rejects.toThrow("whole UTC days");
  });
});

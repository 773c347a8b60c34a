import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createComponent } from "@/lib/status-pages/create-component";
import { createStatusPage } from "@/lib/status-pages/create-status-page";
import { localDate } from "@/lib/status-pages/local-days";
import { postPublicUpdate } from "@/lib/status-pages/post-public-update";
import { publishPublicIncident } from "@/lib/status-pages/publish-public-incident";
import { rollOverSnapshots } from "@/lib/status-pages/roll-over-snapshots";
import { readSnapshot, settleSnapshots } from "@/lib/status-pages/snapshot-cache";
import { responder } from "@/tests/support/harness";
import { publicPage, resetStatusPages, summary } from "@/tests/support/status-pages";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: Db;
beforeEach(async () => {
  db = await resetStatusPages();
});

/** A page in Berlin with two components created `ageDays` ago; an outage of API `daysAgo` days back at 10:00 UTC. */
async function pageWithOutage(now: Date, options: { ageDays: number; daysAgo: number; hours: number }) {
  const created = new Date(now.getTime() - options.ageDays * DAY);
  const page = await createStatusPage(
    db,
    responder,
    { name: "Acme", slug: "acme", timeZone: "Europe/Berlin" },
    { now: created },
  );
  const api = await createComponent(db, responder, page.id, { name: "API" }, { now: created });
  const web = await createComponent(db, responder, page.id, { name: "Web" }, { now: created });
  // At 10:00 UTC (noon or 11:00 in Berlin), so a few hours stay within one local day.
  const start = new Date(now.getTime() - options.daysAgo * DAY);
  start.setUTCHours(10, 0, 0, 0);
  const incident = await publishPublicIncident(
    db,
    responder,
    page.id,
    {
      title: "API unreachable",
      body: "Requests fail.",
      components: [{ componentId: api.id, status: "major_outage" }],
    },
    { now: start },
  );
  await postPublicUpdate(
    db,
    responder,
    page.id,
    incident.id,
    { phase: "resolved", body: "Fixed." },
    { now: new Date(start.getTime() + options.hours * HOUR) },
  );
  return { page, api, web, day: localDate(start, "Europe/Berlin") };
}

describe("uptime in the snapshot", () => {
  it("shows a resolved major outage's day as not green and the percentage below 100, in the page and its summary", async () => {
    const now = new Date();
    const { api, web, day } = await pageWithOutage(now, { ageDays: 30, daysAgo: 3, hours: 2 });
    // The snapshot built at the resolution ends on that day; the day's roll-over brings it to today.
    expect(await rollOverSnapshots(db, now)).toBe(1);
    expect(await rollOverSnapshots(db, now)).toBe(0);

    const snapshot = (await readSnapshot(db, { slug: "acme" }))!;
    expect(snapshot.uptimeDay).toBe(localDate(now, "Europe/Berlin"));
    const apiUptime = snapshot.components.find((c) => c.id === api.id)!.uptime!;
    expect(apiUptime.days).toHaveLength(90);
    expect(apiUptime.days.at(-1)!.date).toBe(localDate(now, "Europe/Berlin"));
    const bar = apiUptime.days.find((d) => d.date === day)!;
    expect(bar.status).toBe("major_outage");
    expect(bar.incidents.map((i) => i.title)).toEqual(["API unreachable"]);
    expect(apiUptime.days.reduce((sum, d) => sum + d.downSeconds, 0)).toBe(2 * 3600);
    expect(apiUptime.percent).toBeLessThan(100);
    expect(apiUptime.percent).toBeCloseTo(100 * (1 - 2 / (30 * 24)), 1);
    // Before the components existed: no data, not green.
    expect(apiUptime.days.filter((d) => d.status === "no_data").length).toBeGreaterThanOrEqual(59);
    const webUptime = snapshot.components.find((c) => c.id === web.id)!.uptime!;
    expect(webUptime.percent).toBe(100);
    expect(webUptime.days.find((d) => d.date === day)!.status).toBe("operational");

    const json = (await summary("acme")).json;
    const apiSummary = json.components.find((c: { id: string }) => c.id === api.id);
    expect(apiSummary.uptime).toEqual({ percent: apiUptime.percent, days: 90 });
    expect(json.components.find((c: { id: string }) => c.id === web.id).uptime).toEqual({
      percent: 100,
      days: 90,
    });

    const html = (await publicPage("acme")).text;
    expect(html.match(/<li tabindex="0" class="bar-/g)).toHaveLength(180);
    expect(html).toContain('class="bar-major_outage"');
    expect(html).toMatch(/major outage, down 2 h\. API unreachable: major outage for 2 h\./);
    expect(html).toContain("counts partial and major outages as downtime");
  });

  it("is rebuilt once after the page's local midnight, on whichever instance runs it first", async () => {
    // 21:30 and 23:30 UTC: one UTC day, but either side of Berlin's midnight (UTC+1 or +2).
    const evening = new Date();
    evening.setUTCHours(23, 30, 0, 0);
    const before = new Date(evening.getTime() - 2 * HOUR);
    await pageWithOutage(before, { ageDays: 5, daysAgo: 1, hours: 1 });
    expect(await rollOverSnapshots(db, before)).toBe(1);
    const revision = (await readSnapshot(db, { slug: "acme" }))!.revision;
    expect(await rollOverSnapshots(db, before)).toBe(0);
    const [a, b] = await Promise.all([rollOverSnapshots(db, evening), rollOverSnapshots(db, evening)]);
    expect(a + b).toBe(1);
    await settleSnapshots(db);
    const snapshot = (await readSnapshot(db, { slug: "acme" }))!;
    expect(snapshot.revision).toBe(revision + 1);
    expect(snapshot.uptimeDay).toBe(localDate(evening, "Europe/Berlin"));
    expect(snapshot.uptimeDay).not.toBe(localDate(evening, "UTC"));
  });
});

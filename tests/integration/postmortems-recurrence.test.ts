import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createActionItem } from "@/lib/action-items/create-action-item";
import { addLink } from "@/lib/incidents/add-link";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { updateActionItem } from "@/lib/action-items/update-action-item";
import { findSimilarIncidents } from "@/lib/postmortems/find-similar-incidents";
import { getFollowUpMetrics } from "@/lib/postmortems/get-follow-up-metrics";
import { sql } from "drizzle-orm";
import { queryRows, resetDatabase, responder, viewer } from "@/tests/support/harness";

const DAY = 86_400_000;
const NOW = new Date("2026-06-01T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function declare(title: string, services: string[], at: Date) {
  return (
    await declareIncident(
      await getDb(),
      responder,
      { title, severity: "SEV2", services, environment: "production" },
      { now: at },
    )
  ).id;
}

beforeEach(async () => {
  await resetDatabase();
});

describe("recurrence", () => {
  it("finds earlier incidents on the same service with a similar title or a shared alert, within 90 days, with their open action items", async () => {
    const db = await getDb();
    const similarTitle = await declare(
      "Checkout payments failing with 502 errors",
      ["checkout-api"],
      ago(30),
    );
    const tooOld = await declare("Checkout payments failing with 502 errors", ["checkout-api"], ago(120));
    const otherService = await declare("Checkout payments failing with 502 errors", ["search-api"], ago(10));
    const unrelated = await declare("Disk almost full on the reporting database", ["checkout-api"], ago(5));
    const sharedAlert = await declare("Latency spike", ["checkout-api"], ago(20));
    await createActionItem(db, responder, {
      incidentId: similarTitle,
      title: "Retry 502s from the payment provider",
    });
    await createActionItem(db, responder, {
      incidentId: similarTitle,
      title: "Dashboard for provider errors",
    });
    await addLink(db, responder, sharedAlert, { type: "alert", targetId: "alert-checkout-5xx" });

    const current = await declare("Payments failing at checkout (502 errors)", ["checkout-api"], NOW);
    await addLink(db, responder, current, { type: "alert", targetId: "alert-checkout-5xx" });

    const found = await findSimilarIncidents(db, viewer, current);
    expect(found.map((f) => [f.id, f.reason, f.openActionItems])).toEqual([
      [sharedAlert, "same_link", 0],
      [similarTitle, "similar_title", 2],
    ]);
    // Without pg_trgm the score is the Jaccard index of the titles' distinct words of 3+ letters:
    // {checkout, payments, failing, with, 502, errors} and {payments, failing, checkout, 502, errors}.
    const [{ trigrams }] = await queryRows<{ trigrams: boolean }>(
      sql`select exists (select 1 from pg_extension where extname = 'pg_trgm') as trigrams`,
    );
    if (!trigrams) expect(found.find((f) => f.id === similarTitle)?.similarity).toBe(5 / 6);
    const ids = found.map((f) => f.id);
    for (const excluded of [tooOld, otherService, unrelated]) expect(ids).not.toContain(excluded);
    // Only earlier incidents count: the first one has nothing before it.
    expect(await findSimilarIncidents(db, viewer, tooOld)).toEqual([]);
  });
});

describe("follow-up metrics per service", () => {
  it("gives the repeat-incident rate, the action-item completion rate and the median days to close", async () => {
    const db = await getDb();
    // checkout-api: two incidents in May, each with an earlier one within 90 days (the first has one from March).
    await declare("Checkout outage in March", ["checkout-api"], new Date("2026-03-20T00:00:00Z"));
    const a = await declare("Checkout outage one", ["checkout-api"], new Date("2026-05-02T00:00:00Z"));
    await declare("Checkout outage two", ["checkout-api", "search-api"], new Date("2026-05-10T00:00:00Z"));
    await declare("Search outage", ["search-api"], new Date("2026-05-20T00:00:00Z"));
    const item = (title: string, at: string) =>
      createActionItem(db, responder, { incidentId: a, title }, { now: new Date(at) });
    const i1 = await item("Fix one", "2026-05-03T00:00:00Z");
    const i2 = await item("Fix two", "2026-05-03T00:00:00Z");
    const i3 = await item("Fix three", "2026-05-03T00:00:00Z");
    await item("Fix four", "2026-05-03T00:00:00Z");
    await updateActionItem(
      db,
      responder,
      String(i1.id),
      { status: "done" },
      { now: new Date("2026-05-05T00:00:00Z") },
    );
    await updateActionItem(
      db,
      responder,
      String(i2.id),
      { status: "done" },
      { now: new Date("2026-05-13T00:00:00Z") },
    );
    await updateActionItem(
      db,
      responder,
      String(i3.id),
      { status: "wont_do" },
      { now: new Date("2026-05-13T00:00:00Z") },
    );

    const rows = await getFollowUpMetrics(db, viewer, {
      from: new Date("2026-05-01T00:00:00Z"),
      to: new Date("2026-06-01T00:00:00Z"),
    });
    expect(rows).toEqual([
      // Done after 2 and 10 days: median 6; the won't-do item is left out of the completion rate.
      {
        service: "checkout-api",
        incidents: 2,
        repeats: 2,
        repeatRate: 1,
        actionItems: 4,
        done: 2,
        completionRate: 2 / 3,
        medianDaysToClose: 6,
      },
      // search-api: the outage on the 20th follows the one on the 10th.
      {
        service: "search-api",
        incidents: 2,
        repeats: 1,
        repeatRate: 0.5,
        actionItems: 0,
        done: 0,
        completionRate: null,
        medianDaysToClose: null,
      },
    ]);
  });
});

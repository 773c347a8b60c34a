import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createActionItem } from "@/lib/action-items/create-action-item";
import { addLink } from "@/lib/incidents/add-link";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { findSimilarIncidents } from "@/lib/postmortems/find-similar-incidents";
import { resetDatabase, responder, viewer } from "@/tests/support/harness";

const DAY = 86_400_000;
const NOW = new Date("2026-06-01T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function declare(title: string, services: string[], at: Date) {
  return (await declareIncident(await getDb(), responder, { title, severity: "SEV2", services, environment: "production" }, { now: at })).id;
}

beforeEach(async () => {
  await resetDatabase();
});

describe("recurrence", () => {
  it("finds earlier incidents on the same service with a similar title or a shared alert, within 90 days, with their open action items", async () => {
    const db = await getDb();
    const similarTitle = await declare("Checkout payments failing with 502 errors", ["checkout-api"], ago(30));
    const tooOld = await declare("Checkout payments failing with 502 errors", ["checkout-api"], ago(120));
    const otherService = await declare("Checkout payments failing with 502 errors", ["search-api"], ago(10));
    const unrelated = await declare("Disk almost full on the reporting database", ["checkout-api"], ago(5));
    const sharedAlert = await declare("Latency spike", ["checkout-api"], ago(20));
    await createActionItem(db, responder, { incidentId: similarTitle, title: "Retry 502s from the payment provider" });
    await createActionItem(db, responder, { incidentId: similarTitle, title: "Dashboard for provider errors" });
    await addLink(db, responder, sharedAlert, { type: "alert", targetId: "alert-checkout-5xx" });

    const current = await declare("Payments failing at checkout (502 errors)", ["checkout-api"], NOW);
    await addLink(db, responder, current, { type: "alert", targetId: "alert-checkout-5xx" });

    const found = await findSimilarIncidents(db, viewer, current);
    expect(found.map((f) => [f.id, f.reason, f.openActionItems])).toEqual([
      [sharedAlert, "same_link", 0],
      [similarTitle, "similar_title", 2],
    ]);
    const ids = found.map((f) => f.id);
    for (const excluded of [tooOld, otherService, unrelated]) expect(ids).not.toContain(excluded);
    // Only earlier incidents count: the first one has nothing before it.
    expect(await findSimilarIncidents(db, viewer, tooOld)).toEqual([]);
  });
});

import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pages } from "@/db/paging-schema";
import { readAlertSummary } from "@/lib/alerts/alert-summary";
import { defineEventConsumer } from "@/lib/events/consumers";
import type { StoredEvent } from "@/lib/events/event-types";
import { readIncidentSummary } from "@/lib/incidents/incident-summary";
import { resolveInTransaction } from "./change-page";
import { logPage } from "./page-log";
import { openPage } from "./open-page";
import { PAGING_ACTOR } from "./run-escalation-step";
import { readServicePaging } from "./service-paging";

export const PAGING_CONSUMER = "paging.pages";

const openPageOf = async (tx: Db, column: typeof pages.incidentId | typeof pages.alertId, id: string) =>
  (
    await tx
      .select()
      .from(pages)
      .where(and(eq(column, id), ne(pages.state, "resolved")))
      .for("update")
  )[0];

/**
 * Pages open and close with what they are about: an incident declared (or raised to a severity its
 * service pages urgently for) opens one, a critical alert no incident has taken yet opens one, and
 * resolving either resolves its page. Once per event (the consumption mark), under the page's lock.
 */
async function consume(tx: Db, event: StoredEvent) {
  const now = event.createdAt;
  if (event.type === "incident.declared" || event.type === "incident.severity_changed") {
    const incident = await readIncidentSummary(tx, event.incidentId ?? event.subjectId);
    if (!incident || incident.status === "resolved") return;
    const urgent = (settings: { highUrgencySeverities: string[] }) =>
      settings.highUrgencySeverities.includes(incident.severity) ? ("high" as const) : ("low" as const);
    const open = await openPageOf(tx, pages.incidentId, incident.id);
    if (!open) {
      // A change of severity pages only when it makes the incident urgent; a declaration always does.
      await openPage(
        tx,
        {
          incidentId: incident.id,
          title: `${incident.id}: ${incident.title}`,
          services: incident.services,
          urgencyOf: urgent,
          onlyIfUrgent: event.type === "incident.severity_changed",
        },
        now,
      );
      return;
    }
    if (open.urgency === "low" && open.service) {
      if (urgent(await readServicePaging(tx, open.service)) === "low") return;
      await tx.update(pages).set({ urgency: "high" }).where(eq(pages.id, open.id));
      await logPage(
        tx,
        open,
        PAGING_ACTOR,
        { kind: "page_escalated", message: `Now ${incident.severity}: the page is high urgency.` },
        now,
      );
    }
    return;
  }
  if (event.type === "incident.resolved") {
    const open = await openPageOf(tx, pages.incidentId, event.incidentId ?? event.subjectId);
    if (open) await resolveInTransaction(tx, PAGING_ACTOR, open, now, "the incident was resolved");
    return;
  }
  if (event.type === "alert.fired") {
    const alert = await readAlertSummary(tx, event.subjectId);
    // An alert on an open incident is that incident's page; only critical alerts page on their own.
    if (!alert || alert.status !== "firing" || alert.openIncidentIds.length || alert.severity !== "critical")
      return;
    await openPage(
      tx,
      {
        alertId: alert.id,
        title: alert.title,
        services: alert.service ? [alert.service] : [],
        urgencyOf: () => "high",
      },
      now,
    );
    return;
  }
  if (event.type === "alert.resolved") {
    const open = await openPageOf(tx, pages.alertId, event.subjectId);
    if (open) await resolveInTransaction(tx, PAGING_ACTOR, open, now, "the alert resolved");
  }
}

export const pagingConsumer = defineEventConsumer({
  name: PAGING_CONSUMER,
  types: [
    "incident.declared",
    "incident.severity_changed",
    "incident.resolved",
    "alert.fired",
    "alert.resolved",
  ],
  consume,
});

import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, incidentServices } from "@/db/incidents-schema";
import type { Actor } from "@/lib/actor";
import { runTransaction } from "@/lib/db/run-transaction";
import { pgErrorCode } from "@/lib/db-errors";
import { DomainError } from "@/lib/errors";
import { addLink } from "@/lib/incidents/add-link";
import { incidentTitleFrom } from "@/lib/incidents/incident-title";
import { readIncidentSummary } from "@/lib/incidents/incident-summary";
import { pageFromWorkflow } from "@/lib/paging/page-from-workflow";
import { linkedIncidentOf } from "@/lib/incidents/linked-incident-of";
import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { logError } from "@/lib/log-error";
import { notifyWebhook } from "@/lib/webhooks/notify-webhook";
import { findOpenIncident } from "./find-open-incident";
import { resolveOnCall } from "./on-call-resolver";
import type { ActionResult, WorkflowAction, WorkflowEvent } from "./schemas";

type Subject = WorkflowEvent["subject"];
type Step = { result: Omit<ActionResult, "type">; incidentId?: string };
type RunContext = {
  tx: Db;
  actor: Actor;
  workflowName: string;
  event: WorkflowEvent;
  now: Date;
  incidentId: string | null;
};

// Failures that mean "run the whole transaction again", not "this action failed".
const TRANSACTION_LEVEL = new Set(["40P01", "40001", "55P03", "57014"]);

const list = (value: Subject["service"]) =>
  value == null ? [] : typeof value === "string" ? [value] : [...value];
const first = (value: Subject["title"]) => list(value)[0] ?? null;

/**
 * Runs the actions in order inside the caller's transaction, each in its own savepoint: a failed
 * action is rolled back alone and recorded, and the ones after it still run (an action that needs an
 * incident is skipped when none was reached).
 */
export async function runWorkflowActions(
  ctx: RunContext,
  actions: WorkflowAction[],
): Promise<{ results: ActionResult[]; incidentId: string | null }> {
  const results: ActionResult[] = [];
  for (const action of actions) {
    let step: Step;
    try {
      step = await runTransaction(ctx.tx, () => runAction(ctx, action));
    } catch (error) {
      if (error instanceof DomainError) {
        const fields = error.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
        step = {
          result: { status: "error", detail: fields ? `${error.message} (${fields})` : error.message },
        };
      } else if (TRANSACTION_LEVEL.has(pgErrorCode(error) ?? "")) {
        throw error;
      } else {
        logError(`[workflows] ${ctx.workflowName} ${action.type}`, error);
        step = { result: { status: "error", detail: "Unexpected error; see the server log." } };
      }
    }
    if (step.incidentId) ctx.incidentId = step.incidentId;
    results.push({ type: action.type, ...step.result });
  }
  return { results, incidentId: ctx.incidentId };
}

async function runAction(ctx: RunContext, action: WorkflowAction): Promise<Step> {
  switch (action.type) {
    case "create_incident":
      return createIncident(ctx, action);
    case "link_to_open_incident":
      return linkToOpenIncident(ctx);
    case "assign_commander":
      return assignCommander(ctx, action.userId);
    case "post_timeline_update": {
      if (!ctx.incidentId) return noIncident();
      await addTimelineEntry(
        ctx.tx,
        ctx.actor,
        ctx.incidentId,
        { type: "update", message: action.message },
        { now: ctx.now },
      );
      return { result: { status: "ok", detail: `posted an update to ${ctx.incidentId}` } };
    }
    case "page":
      return pageAction(ctx, action.target);
    case "notify": {
      if (!ctx.incidentId) return noIncident();
      const request = {
        webhookId: action.webhookId,
        incidentId: ctx.incidentId,
        workflowName: ctx.workflowName,
        trigger: ctx.event.trigger,
        eventKey: ctx.event.id,
        now: ctx.now,
      };
      return { result: await notifyWebhook(ctx.tx, request) };
    }
  }
}

/** Pages the action's target about the incident reached so far, or else the event's alert. */
async function pageAction(
  ctx: RunContext,
  target: Extract<WorkflowAction, { type: "page" }>["target"],
): Promise<Step> {
  const { subject } = ctx.event;
  const incident = ctx.incidentId ? await readIncidentSummary(ctx.tx, ctx.incidentId) : null;
  if (!incident && !subject.alertId) return noIncident();
  const opened = await pageFromWorkflow(
    ctx.tx,
    {
      incidentId: incident?.id ?? null,
      alertId: subject.alertId ?? null,
      title: incident ? `${incident.id}: ${incident.title}` : (first(subject.title) ?? "Alert"),
      services: incident?.services ?? list(subject.service),
      severity: incident?.severity ?? first(subject.severity),
      target,
    },
    ctx.now,
  );
  if (!opened)
    return { result: { status: "error", detail: "The escalation policy to page through no longer exists." } };
  return {
    result: opened.opened
      ? { status: "ok", detail: `paged (${opened.page.urgency} urgency): ${opened.page.id}` }
      : {
          status: "skipped",
          detail: `${opened.page.id} is already paging for this ${incident ? "incident" : "alert"}.`,
        },
  };
}

const noIncident = (): Step => ({
  result: { status: "skipped", detail: "No incident to act on (no earlier action reached one)." },
});

/** The alert or error group the event is about, as an incident link. */
function subjectLink(subject: Subject) {
  if (subject.alertId) return { type: "alert" as const, targetId: subject.alertId };
  if (subject.errorGroupId) return { type: "error_group" as const, targetId: subject.errorGroupId };
  return null;
}

async function createIncident(
  ctx: RunContext,
  action: Extract<WorkflowAction, { type: "create_incident" }>,
): Promise<Step> {
  const { subject, trigger } = ctx.event;
  const services = list(subject.service);
  const environment = first(subject.environment);
  if (services.length === 0)
    return {
      result: { status: "error", detail: "The event names no service; an incident needs at least one." },
    };
  if (!environment)
    return { result: { status: "error", detail: "The event names no environment; an incident needs one." } };
  const link = subjectLink(subject);
  // One incident per alert or error group: its first link (made at ingest from an open incident of
  // the same key, by a person, or by another workflow) already answered "which incident is this?".
  const linkedTo = link ? await linkedIncidentOf(ctx.tx, link) : null;
  if (link && linkedTo)
    return {
      incidentId: linkedTo,
      result: {
        status: "skipped",
        detail: `${link.type.replace("_", " ")} ${link.targetId} is already linked to ${linkedTo}.`,
      },
    };
  const title =
    action.title ?? incidentTitleFrom(first(subject.title), `${trigger} (workflow ${ctx.workflowName})`);
  const started = subject.startedAt ? new Date(subject.startedAt) : null;
  const impactStartedAt =
    started && !Number.isNaN(started.getTime()) && started <= ctx.now ? started.toISOString() : undefined;
  const source = trigger.startsWith("alert_")
    ? "alert"
    : trigger === "error_group_created"
      ? "error_group"
      : "workflow";
  const incident = await declareIncident(
    ctx.tx,
    ctx.actor,
    {
      title,
      severity: action.severity,
      services,
      environment,
      declaredBy: `workflow:${ctx.workflowName}`.slice(0, 100),
      ...(impactStartedAt ? { impactStartedAt } : {}),
    },
    { source, now: ctx.now },
  );
  if (link) await addLink(ctx.tx, ctx.actor, incident.id, link, { now: ctx.now });
  const about = link ? `${link.type.replace("_", " ")} ${link.targetId}` : `event ${ctx.event.id}`;
  await addTimelineEntry(
    ctx.tx,
    ctx.actor,
    incident.id,
    { type: "action", message: `Declared by workflow **${ctx.workflowName}** on ${trigger} (${about}).` },
    { now: ctx.now },
  );
  return {
    incidentId: incident.id,
    result: {
      status: "ok",
      detail: `declared ${incident.id} (${action.severity})${link ? `, linked ${about}` : ""}`,
    },
  };
}

async function linkToOpenIncident(ctx: RunContext): Promise<Step> {
  const { subject } = ctx.event;
  const match = await findOpenIncident(ctx.tx, {
    dedupKey: subject.dedupKey,
    alertId: subject.alertId,
    source: typeof subject.source === "string" ? subject.source : null,
    services: list(subject.service),
  });
  if (!match)
    return { result: { status: "skipped", detail: "No open incident with the same dedup key or service." } };
  const link = subjectLink(subject);
  if (!link)
    return {
      incidentId: match.incidentId,
      result: {
        status: "ok",
        detail: `found ${match.incidentId} (${match.by}); the event has nothing to link`,
      },
    };
  try {
    await runTransaction(ctx.tx, () => addLink(ctx.tx, ctx.actor, match.incidentId, link, { now: ctx.now }));
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "already_exists")) throw error;
    return {
      incidentId: match.incidentId,
      result: {
        status: "ok",
        detail: `${link.type} ${link.targetId} was already linked to ${match.incidentId}`,
      },
    };
  }
  return {
    incidentId: match.incidentId,
    result: {
      status: "ok",
      detail: `linked ${link.type} ${link.targetId} to ${match.incidentId} (${match.by})`,
    },
  };
}

async function assignCommander(ctx: RunContext, who: string): Promise<Step> {
  const incidentId = ctx.incidentId;
  if (!incidentId) return noIncident();
  const [row] = await ctx.tx
    .select({ commanderId: incidents.commanderId })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  let userId = who;
  let why = "";
  if (who === "on-call") {
    const services = [
      ...list(ctx.event.subject.service),
      ...(
        await ctx.tx
          .select({ slug: incidentServices.serviceSlug })
          .from(incidentServices)
          .where(eq(incidentServices.incidentId, incidentId))
          .orderBy(asc(incidentServices.serviceSlug))
      ).map((s) => s.slug),
    ];
    let found: string | null = null;
    for (const service of [...new Set(services)]) {
      found = await resolveOnCall(ctx.tx, service, ctx.now);
      if (found) {
        why = ` (on call for ${service})`;
        break;
      }
    }
    if (!found)
      return {
        result: {
          status: "skipped",
          detail: `Nobody is on call for ${[...new Set(services)].join(", ") || "the incident's services"}.`,
        },
      };
    userId = found;
  }
  if (row?.commanderId === userId)
    return { result: { status: "skipped", detail: `${userId} already commands ${incidentId}.` } };
  const incident = await updateIncident(
    ctx.tx,
    ctx.actor,
    incidentId,
    { commanderId: userId },
    { now: ctx.now },
  );
  return {
    result: {
      status: "ok",
      detail: `assigned ${incident.commander?.name ?? userId} as commander of ${incidentId}${why}`,
    },
  };
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { Markdown } from "@/components/markdown";
import { LiveRefresh } from "@/components/live/live-refresh";
import { AddUpdateForm } from "@/components/incident/add-update-form";
import { DetailsForm } from "@/components/incident/details-form";
import { IncidentHeader } from "@/components/incident/incident-header";
import { LinksPanel } from "@/components/incident/links-panel";
import { PeopleForm, SeverityForm } from "@/components/incident/severity-people-forms";
import { ServiceHealth } from "@/components/incident/service-health";
import { ServicesForm } from "@/components/incident/services-form";
import { StatusControls } from "@/components/incident/status-controls";
import { Summaries } from "@/components/incident/summaries";
import { Timeline } from "@/components/incident/timeline";
import { NotAllowed } from "@/components/not-allowed";
import { Suggestions } from "@/components/incident/suggestions";
import { PostmortemLink } from "@/components/postmortem/postmortem-link";
import { findPostmortem } from "@/lib/postmortems/get-postmortem";
import { isPostmortemPreparing } from "@/lib/postmortems/is-postmortem-preparing";
import { AlertCharts } from "@/components/incident/alert-charts";
import { ImpactStartOffer } from "@/components/incident/impact-start-offer";
import { PagingPanel } from "@/components/paging/paging-panel";
import { getSubjectPaging } from "@/lib/paging/subject-paging";
import { acknowledgePageAction, escalatePageAction, resolvePageAction } from "@/app/pages/actions";
import {
  acceptAlertImpactStartAction,
  addLinkAction,
  addUpdateAction,
  markLinkAction,
  removeLinkAction,
  updateIncidentAction,
} from "./actions";
import { getIncidentAlertCharts, listIncidentAlerts, suggestFromAlerts } from "@/lib/alerts/incident-alerts";
import { can } from "@/lib/permissions";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { getIncident } from "@/lib/incidents/get-incident";
import { isManualUpdate, updateSilence } from "@/lib/incidents/attention";
import { getReminderSettings } from "@/lib/reminders/reminder-settings";
import { UpdateOverdueBanner } from "@/components/incident/update-overdue-banner";
import { allowedTransitions } from "@/lib/incidents/lifecycle";
import { loadPage } from "@/lib/http/page-errors";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { getIncidentHealth } from "@/lib/telemetry/get-incident-health";
import { getLinkCards } from "@/lib/incidents/link-cards";
import { listSuggestions, SUGGESTION_WINDOW_MINUTES } from "@/lib/incidents/list-suggestions";
import { listIncidentReleases } from "@/lib/releases/list-releases";
import { Panel } from "./panel";
import { Similar } from "./similar";
import { StatusPagePanel } from "./status-page-panel";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).id };
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const page = await loadPage(`/incidents/${id}`, async (db, actor) => {
    const [incident, timeline, catalog, reminders] = await Promise.all([
      getIncident(db, actor, id),
      listTimeline(db, actor, id),
      listCatalog(db, actor),
      getReminderSettings(db, actor),
    ]);
    const [health, linkedAlerts] = await Promise.all([
      getIncidentHealth(db, actor, incident),
      listIncidentAlerts(db, actor, id),
    ]);
    const [cards, suggestions, releases, postmortem, alertCharts, preparing, paging] = await Promise.all([
      getLinkCards(db, actor, incident.links),
      listSuggestions(db, actor, incident),
      listIncidentReleases(db, actor, incident, health),
      findPostmortem(db, actor, id),
      getIncidentAlertCharts(db, actor, linkedAlerts),
      incident.status === "resolved" ? isPostmortemPreparing(db, actor, id) : false,
      getSubjectPaging(db, actor, { incidentId: id }),
    ]);
    const fromAlerts = suggestFromAlerts(incident, linkedAlerts);
    return {
      incident,
      timeline,
      catalog,
      health,
      cards,
      suggestions,
      releases,
      postmortem,
      preparing,
      alertCharts,
      fromAlerts,
      paging,
      canPage: can(actor, "paging.respond"),
      canEdit: can(actor, "incidents.update"),
      intervals: reminders.updateIntervalMinutes,
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const {
    incident,
    timeline,
    catalog,
    health,
    cards,
    suggestions,
    releases,
    postmortem,
    preparing,
    alertCharts,
    fromAlerts,
    paging,
    canPage,
    canEdit,
    intervals,
  } = page.data;
  const phases = [
    { label: "declared", at: incident.createdAt },
    { label: "investigating", at: incident.investigatingAt },
    { label: "mitigated", at: incident.mitigatedAt },
    { label: "resolved", at: incident.resolvedAt },
  ].flatMap((p) => (p.at ? [{ label: p.label, t: p.at.getTime() }] : []));
  const now = new Date();
  const latestUpdate = timeline.findLast((entry) => isManualUpdate(entry.kind)) ?? null;
  const lastManualUpdateAt = latestUpdate?.createdAt ?? null;
  const silence = updateSilence({ ...incident, lastManualUpdateAt }, intervals, now);

  return (
    <div className="space-y-6">
      <IncidentHeader
        incident={incident}
        now={now}
        latestUpdate={latestUpdate}
        live={<LiveRefresh url={`/api/dashboard/incidents/${encodeURIComponent(incident.id)}/events`} />}
      />
      {/* Streamed: it compares titles over the 90 days before the incident, which must not hold back the first byte. */}
      <Suspense fallback={null}>
        <Similar id={id} />
      </Suspense>
      {silence.overdue && silence.intervalMinutes !== null && (
        <UpdateOverdueBanner
          severity={incident.severity}
          silentMinutes={silence.silentMinutes}
          intervalMinutes={silence.intervalMinutes}
          canPost={canEdit}
        />
      )}
      {/* Three blocks: on a phone the status controls come first, then the story, then the rest;
          on a wide screen the story takes two columns and the controls sit beside it. */}
      {/* grid-cols-1 (minmax(0,1fr)) and min-w-0: an implicit auto track would grow to the widest
          unbreakable line inside (a truncated error title, a trace id) and push the page past a phone's width. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        {canEdit && (
          <div className="min-w-0 space-y-6 lg:col-start-3 lg:row-start-1">
            <Panel title="Status">
              <StatusControls
                incidentId={incident.id}
                version={incident.version}
                update={updateIncidentAction}
                status={incident.status}
                allowed={allowedTransitions(incident.status)}
                mitigationSuggestion={fromAlerts.mitigate?.summary}
              />
            </Panel>
            {fromAlerts.impactStart && (
              <Panel title="Measured impact start">
                <ImpactStartOffer
                  incidentId={incident.id}
                  version={incident.version}
                  firstBreach={fromAlerts.impactStart.toISOString()}
                  current={incident.impactStartedAt.toISOString()}
                  accept={acceptAlertImpactStartAction}
                />
              </Panel>
            )}
            <Panel title="Severity">
              <SeverityForm
                incidentId={incident.id}
                version={incident.version}
                update={updateIncidentAction}
                severity={incident.severity}
              />
            </Panel>
            <Panel title="People">
              <PeopleForm
                incidentId={incident.id}
                version={incident.version}
                update={updateIncidentAction}
                users={catalog.users}
                people={{
                  commanderId: incident.commanderId,
                  technicalLeadId: incident.technicalLeadId,
                  communicatorId: incident.communicatorId,
                }}
              />
            </Panel>
          </div>
        )}
        <div className="min-w-0 space-y-6 lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          {incident.description && (
            <Panel title="Description">
              <Markdown>{incident.description}</Markdown>
            </Panel>
          )}
          {(incident.mitigationSummary || incident.resolutionSummary) && (
            <Panel title="Summaries">
              <Summaries mitigation={incident.mitigationSummary} resolution={incident.resolutionSummary} />
            </Panel>
          )}
          <StatusPagePanel incidentId={incident.id} />
          {alertCharts.length > 0 && (
            <Panel title="Linked alert metrics">
              <AlertCharts charts={alertCharts} markers={phases} />
            </Panel>
          )}
          <Panel title="Service health">
            <ServiceHealth health={health} releases={releases} />
          </Panel>
          <Panel title="Timeline" id="timeline">
            <Timeline entries={timeline} offerActionItems={canEdit} />
          </Panel>
          {canEdit && <AddUpdateForm incidentId={incident.id} addUpdate={addUpdateAction} />}
        </div>
        <div className={`min-w-0 space-y-6 lg:col-start-3 ${canEdit ? "lg:row-start-2" : "lg:row-start-1"}`}>
          <Panel title="Paging">
            <PagingPanel
              pages={paging.pages}
              more={paging.more}
              actions={
                canPage
                  ? {
                      acknowledge: acknowledgePageAction,
                      resolve: resolvePageAction,
                      escalate: escalatePageAction,
                    }
                  : null
              }
            />
          </Panel>
          <Panel title="Postmortem">
            <PostmortemLink
              incidentId={incident.id}
              status={postmortem?.status ?? null}
              preparing={preparing}
              openItems={
                postmortem?.actionItems.filter((i) => i.status === "open" || i.status === "in_progress")
                  .length ?? 0
              }
              canCreate={canEdit}
            />
          </Panel>
          <Panel title="Linked data">
            <LinksPanel
              incidentId={incident.id}
              links={incident.links}
              canEdit={canEdit}
              addLink={addLinkAction}
              removeLink={removeLinkAction}
              cards={cards}
              markLink={markLinkAction}
            />
          </Panel>
          <Panel title="Suggestions">
            <Suggestions
              incidentId={incident.id}
              suggestions={suggestions}
              canEdit={canEdit}
              addLink={addLinkAction}
              windowMinutes={SUGGESTION_WINDOW_MINUTES}
            />
          </Panel>
          {canEdit && (
            <>
              <Panel title="Services">
                <ServicesForm
                  incidentId={incident.id}
                  version={incident.version}
                  update={updateIncidentAction}
                  selected={incident.services}
                  catalog={catalog.services}
                />
              </Panel>
              <Panel title="Details">
                <DetailsForm
                  incidentId={incident.id}
                  version={incident.version}
                  update={updateIncidentAction}
                  title={incident.title}
                  description={incident.description}
                  environment={incident.environment}
                  impactStartedAt={incident.impactStartedAt.toISOString()}
                  environments={catalog.environments}
                />
              </Panel>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

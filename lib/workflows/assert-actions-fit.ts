import { DomainError } from "@/lib/errors";
import { INCIDENT_TRIGGERS, type Trigger, type WorkflowAction } from "./schemas";

const NEEDS_INCIDENT: WorkflowAction["type"][] = ["assign_commander", "post_timeline_update", "notify"];
const MAKES_INCIDENT: WorkflowAction["type"][] = ["create_incident", "link_to_open_incident"];

/**
 * Rules across actions. An incident trigger already names its incident, and creating one from it
 * would feed incident_declared back into itself. Other triggers reach an incident only through
 * create_incident or link_to_open_incident, so those come first.
 */
export function assertActionsFit(trigger: Trigger, actions: WorkflowAction[]): void {
  const errors: { path: string; message: string }[] = [];
  const incidentTrigger = INCIDENT_TRIGGERS.includes(trigger);
  let haveIncident = incidentTrigger;
  actions.forEach((action, i) => {
    if (incidentTrigger && MAKES_INCIDENT.includes(action.type)) {
      errors.push({
        path: `actions.${i}.type`,
        message: `${action.type} cannot run on ${trigger}: the event already is an incident.`,
      });
    }
    if (NEEDS_INCIDENT.includes(action.type) && !haveIncident) {
      errors.push({
        path: `actions.${i}.type`,
        message: `${action.type} needs an incident: put create_incident or link_to_open_incident before it.`,
      });
    }
    // A page is about an incident, or an alert the event itself is.
    if (action.type === "page" && !haveIncident && !trigger.startsWith("alert_")) {
      errors.push({
        path: `actions.${i}.type`,
        message: `page needs an incident or an alert: put create_incident or link_to_open_incident before it.`,
      });
    }
    if (MAKES_INCIDENT.includes(action.type)) haveIncident = true;
  });
  if (errors.length) throw new DomainError("validation", "The actions do not fit the trigger.", { errors });
}

import type { ComponentStatus, PublicIncidentView, PublicPhase } from "./schemas";
import type { Severity } from "@/lib/incidents/severity";

// What the incident page's status-page panel renders from. No database imports: client components use these.

export type ComposerComponent = { id: string; name: string; status: ComponentStatus };
export type ComposerDraft = {
  title: string;
  body: string;
  phase: PublicPhase;
  /** The components the incident's services map to, with the status its severity suggests. */
  components: { componentId: string; status: ComponentStatus }[];
};
export type ComposerPage = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  isDefault: boolean;
  components: ComposerComponent[];
  draft: ComposerDraft;
};
export type PublicIncidentDraft = {
  incidentId: string;
  severity: Severity;
  /** The default page first, then by name; empty when no status page exists yet. */
  pages: ComposerPage[];
};

export type LinkedPublicIncident = PublicIncidentView & {
  page: { id: string; name: string; slug: string; timeZone: string };
  /** Every component of the page, with the status this public incident gives it (null: not named). */
  components: { id: string; name: string; status: ComponentStatus | null }[];
};

import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { formatUtc } from "@/lib/format";
import { getIncident } from "@/lib/incidents/get-incident";
import { getPostmortem } from "./get-postmortem";

const STATUS_LABEL = { draft: "Draft", in_review: "In review", published: "Published" } as const;

/**
 * The postmortem as one Markdown file for a wiki or a review document: a title and a facts line the
 * stored document lacks (it is sections only), then the sections as stored, action items included.
 */
export async function exportPostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  options: { tz?: string } = {},
) {
  const [postmortem, incident] = await Promise.all([
    getPostmortem(db, actor, incidentId, options),
    getIncident(db, actor, incidentId),
  ]);
  const facts = [
    STATUS_LABEL[postmortem.status],
    `${incident.severity}, ${incident.services.join(", ")} (${incident.environment})`,
    `declared ${formatUtc(incident.createdAt)}`,
    incident.resolvedAt ? `resolved ${formatUtc(incident.resolvedAt)}` : "not resolved",
    `authors: ${postmortem.authors.map((author) => author.name).join(", ") || "none"}`,
    postmortem.publishedAt ? `published ${formatUtc(postmortem.publishedAt)}` : null,
  ].filter(Boolean);
  const text = `# Postmortem: ${incident.id} ${incident.title}\n\n${facts.join(" · ")}\n\n${postmortem.markdown}`;
  return { filename: `${incident.id}-postmortem.md`, text };
}

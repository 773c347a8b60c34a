import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { postmortems } from "@/db/postmortems-schema";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertUsers } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, notFound } from "@/lib/errors";
import { type IncidentRow, lockIncident } from "@/lib/incidents/lock-incident";
import { recordEvent } from "@/lib/events/record-event";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { renderMarkdown } from "./build-sections";
import { toPostmortemView } from "./get-postmortem";
import { POSTMORTEM_TRANSITIONS, type PostmortemStatus, UpdatePostmortemInput } from "./schemas";

/**
 * Edits sections (each edited one is marked so regeneration keeps it), authors and status.
 * A stale If-Match is a 412 that carries the current postmortem, so the editor can show both
 * versions and lose nothing. Published is final and read-only.
 */
export async function updatePostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: unknown,
  options: UseCaseOptions & { expectedVersion?: number } = {},
) {
  authorize(actor, "postmortems.edit");
  const input = parseInput(UpdatePostmortemInput, rawInput);
  const outcome = await runTransaction(db, async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    const [pm] = await tx
      .select()
      .from(postmortems)
      .where(eq(postmortems.incidentId, incidentId))
      .for("update");
    if (!pm) throw notFound(`The postmortem of ${incidentId}`);
    if (options.expectedVersion !== undefined && options.expectedVersion !== pm.version) {
      return { stale: pm };
    }
    if (pm.status === "published")
      throw new DomainError(
        "conflict",
        "The postmortem is published and read-only; only its action items' state can change.",
      );
    const now = clock(options);

    let sections = pm.sections;
    if (input.sections) {
      sections = pm.sections.map((s) => {
        const text = input.sections![s.key as keyof typeof input.sections];
        return text === undefined || text === s.text ? s : { ...s, text, edited: true };
      });
    }
    let authors = pm.authors;
    if (input.authors) {
      await assertUsers(tx, Object.fromEntries(input.authors.map((id, i) => [`authors.${i}`, id])));
      authors = [...new Set(input.authors)];
    }
    const editor = actorUserId(actor);
    if (editor && input.sections && sections !== pm.sections && !authors.includes(editor))
      authors = [...authors, editor];

    let status = pm.status as PostmortemStatus;
    let publishedAt = pm.publishedAt;
    if (input.status && input.status !== status) {
      if (!POSTMORTEM_TRANSITIONS[status].includes(input.status)) {
        throw new DomainError(
          "invalid_transition",
          `A postmortem in ${status.replace("_", " ")} cannot move to ${input.status.replace("_", " ")}.`,
          {
            errors: [
              { path: "status", message: `Allowed: ${POSTMORTEM_TRANSITIONS[status].join(", ") || "none"}.` },
            ],
          },
        );
      }
      await appendTimeline(
        tx,
        incidentId,
        actor,
        [
          {
            kind: "postmortem_status_changed",
            data: { postmortemId: pm.id, from: status, to: input.status },
          },
        ],
        now,
      );
      status = input.status;
      if (status === "published") publishedAt = now;
    }
    const [row] = await tx
      .update(postmortems)
      .set({
        sections,
        markdown: renderMarkdown(sections),
        authors,
        status,
        publishedAt,
        version: pm.version + 1,
        updatedAt: now,
      })
      .where(eq(postmortems.id, pm.id))
      .returning();
    // Published is final, so this transition happens once per postmortem: the event with it.
    if (status === "published" && pm.status !== "published")
      await announcePublished(tx, incident, row, actor);
    return { row };
  });
  if ("stale" in outcome && outcome.stale) {
    const current = await toPostmortemView(db, outcome.stale);
    throw new DomainError(
      "precondition_failed",
      `The postmortem was changed by someone else (you had version ${options.expectedVersion}, it is now ${current.version}). Both versions are kept: merge yours into the current one and save again.`,
      {
        extra: { currentVersion: current.version, current },
      },
    );
  }
  return toPostmortemView(db, outcome.row!);
}

/** What a receiver needs to post "Postmortem published" with a link, without calling back. */
async function announcePublished(
  tx: Db,
  incident: IncidentRow,
  pm: typeof postmortems.$inferSelect,
  actor: Actor,
) {
  await recordEvent(tx, {
    type: "postmortem.published",
    incidentId: incident.id,
    subjectId: String(pm.id),
    actor,
    createdAt: pm.publishedAt ?? pm.updatedAt,
    payload: {
      postmortemId: pm.id,
      incidentId: incident.id,
      title: incident.title,
      severity: incident.severity,
      publishedAt: (pm.publishedAt ?? pm.updatedAt).toISOString(),
      publishedBy: actorLabel(actor),
      authors: pm.authors,
      url: `/incidents/${encodeURIComponent(incident.id)}/postmortem`,
    },
  });
}

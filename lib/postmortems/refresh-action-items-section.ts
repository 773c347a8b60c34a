import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { postmortems } from "@/db/postmortems-schema";
import { renderMarkdown, SECTION_TITLES } from "./build-sections";
import { buildActionItemsText } from "./action-items-text";
import { listActionItemLines } from "./generate-postmortem";

/**
 * Keeps the draft's Action items section in step with the items, unless someone edited that
 * section or the postmortem is published (its document is then frozen; the items' state stays live).
 */
export async function refreshActionItemsSection(tx: Db, incidentId: string, now: Date) {
  const [pm] = await tx
    .select()
    .from(postmortems)
    .where(eq(postmortems.incidentId, incidentId))
    .for("update");
  if (!pm || pm.status === "published") return;
  const section = pm.sections.find((s) => s.key === "action_items");
  if (section?.edited) return;
  const text = buildActionItemsText(await listActionItemLines(tx, incidentId));
  const sections = section
    ? pm.sections.map((s) => (s.key === "action_items" ? { ...s, text } : s))
    : [...pm.sections, { key: "action_items", title: SECTION_TITLES.action_items, text, edited: false }];
  // No new version: this is not an edit, and an editor saving other sections must not get a 412 for it.
  await tx
    .update(postmortems)
    .set({ sections, markdown: renderMarkdown(sections), updatedAt: now })
    .where(eq(postmortems.id, pm.id));
}

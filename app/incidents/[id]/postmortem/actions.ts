"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { DomainError } from "@/lib/errors";
import { type ActionState, runAction, toActionError } from "@/lib/http/action-state";
import { createPostmortem } from "@/lib/postmortems/create-postmortem";
import type { PostmortemView } from "@/lib/postmortems/schemas";
import { updatePostmortem } from "@/lib/postmortems/update-postmortem";

export type SaveResult =
  | { status: "ok"; version: number; postmortemStatus: string }
  | { status: "conflict"; current: PostmortemView }
  | Extract<ActionState, { status: "error" }>;

export async function createPostmortemAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const incidentId = String(form.get("incidentId") ?? "");
  const state = await runAction(async () => {
    await asActionUser((db, actor) => createPostmortem(db, actor, incidentId));
  });
  revalidatePath(`/incidents/${incidentId}`);
  revalidatePath(`/incidents/${incidentId}/postmortem`);
  return state;
}

/** Autosave and the status buttons: a stale version answers with the current postmortem, so the editor can show both. */
export async function savePostmortemAction(
  incidentId: string,
  version: number,
  change: { sections?: Record<string, string>; status?: string },
): Promise<SaveResult> {
  try {
    const saved = await asActionUser((db, actor) =>
      updatePostmortem(db, actor, incidentId, change, { expectedVersion: version }),
    );
    if (change.status) revalidatePath(`/incidents/${incidentId}/postmortem`);
    return { status: "ok", version: saved.version, postmortemStatus: saved.status };
  } catch (error) {
    if (error instanceof DomainError && error.code === "precondition_failed" && error.extra.current) {
      return { status: "conflict", current: error.extra.current as PostmortemView };
    }
    return toActionError(error);
  }
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { previewWorkflow } from "@/lib/workflows/preview-workflow";
import type { PreviewView } from "@/lib/workflows/schemas";
import { updateWorkflow } from "@/lib/workflows/update-workflow";
import { workflowFromForm } from "@/lib/workflows/workflow-from-form";

const KEYS = ["name", "trigger", "condition", "actions", "enabled"];

export async function saveWorkflowAction(
  _previous: ActionState<{ id: string }>,
  form: FormData,
): Promise<ActionState<{ id: string }>> {
  const id = String(form.get("id") ?? "");
  const version = Number(form.get("version"));
  const state = await runAction(() =>
    asActionUser(async (db, actor) => {
      const input = workflowFromForm(form);
      const saved = id
        ? await updateWorkflow(db, actor, id, input, {
            expectedVersion: Number.isInteger(version) ? version : undefined,
          })
        : await createWorkflow(db, actor, input);
      return { id: saved.id };
    }),
  );
  if (state.status !== "ok") return withValues(state, form, KEYS);
  revalidatePath("/workflows");
  redirect(`/workflows/${state.data.id}?saved=1`);
}

export async function toggleWorkflowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const enabled = form.get("enabled") === "true";
  const state = await runAction(
    () =>
      asActionUser((db, actor) => updateWorkflow(db, actor, String(form.get("id") ?? ""), { enabled })).then(
        () => undefined,
      ),
    enabled ? "Enabled." : "Disabled.",
  );
  if (state.status === "ok") revalidatePath("/workflows", "layout");
  return state;
}

export async function deleteWorkflowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(() =>
    asActionUser((db, actor) => deleteWorkflow(db, actor, String(form.get("id") ?? ""))),
  );
  if (state.status !== "ok") return state;
  revalidatePath("/workflows");
  redirect("/workflows");
}

export async function previewWorkflowAction(
  _previous: ActionState<PreviewView>,
  form: FormData,
): Promise<ActionState<PreviewView>> {
  return runAction(() =>
    asActionUser((db, actor) =>
      previewWorkflow(db, actor, { trigger: form.get("trigger"), condition: form.get("condition") ?? "" }),
    ),
  );
}

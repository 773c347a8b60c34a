"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction } from "@/lib/http/action-state";
import { createComponent } from "@/lib/status-pages/create-component";
import { createComponentGroup } from "@/lib/status-pages/create-component-group";
import { createStatusPage } from "@/lib/status-pages/create-status-page";
import { deleteComponent } from "@/lib/status-pages/delete-component";
import { deleteComponentGroup } from "@/lib/status-pages/delete-component-group";
import { scheduleMaintenanceFromForm } from "@/lib/status-pages/maintenance-from-form";
import { updateComponent } from "@/lib/status-pages/update-component";
import { updateComponentGroup } from "@/lib/status-pages/update-component-group";
import { updateMaintenance } from "@/lib/status-pages/update-maintenance";
import { updateStatusPage } from "@/lib/status-pages/update-status-page";

const BASE = "/settings/status-pages";
const text = (form: FormData, key: string) => String(form.get(key) ?? "");

const pageFields = (form: FormData) => ({
  name: text(form, "name"),
  slug: text(form, "slug"),
  logoUrl: text(form, "logoUrl").trim() || null,
  timeZone: text(form, "timeZone"),
  visibility: text(form, "visibility"),
  isDefault: form.get("isDefault") === "on",
});

const componentFields = (form: FormData) => ({
  name: text(form, "name"),
  description: text(form, "description"),
  groupId: text(form, "groupId") || null,
  status: text(form, "status"),
  services: form.getAll("services").map(String),
});

/** Runs a change to one page and refreshes its settings view. */
async function onPage(form: FormData, body: (pageId: string) => Promise<unknown>, message: string) {
  const pageId = text(form, "pageId");
  const state = await runAction(async () => void (await body(pageId)), message);
  if (state.status === "ok") revalidatePath(`${BASE}/${pageId}`);
  return state;
}

export async function createStatusPageAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(() =>
    asActionUser((db, actor) => createStatusPage(db, actor, pageFields(form))),
  );
  if (state.status !== "ok") return state;
  revalidatePath(BASE);
  redirect(`${BASE}/${state.data.id}`);
}

export const updateStatusPageAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) => asActionUser((db, actor) => updateStatusPage(db, actor, pageId, pageFields(form))),
    "Saved.",
  );

export const createGroupAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) =>
      asActionUser((db, actor) => createComponentGroup(db, actor, pageId, { name: text(form, "name") })),
    "Group added.",
  );

export const updateGroupAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) =>
      asActionUser((db, actor) =>
        updateComponentGroup(db, actor, pageId, text(form, "groupId"), { name: text(form, "name") }),
      ),
    "Saved.",
  );

export const deleteGroupAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) => asActionUser((db, actor) => deleteComponentGroup(db, actor, pageId, text(form, "groupId"))),
    "Removed.",
  );

export const createComponentAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) => asActionUser((db, actor) => createComponent(db, actor, pageId, componentFields(form))),
    "Component added.",
  );

export const updateComponentAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) =>
      asActionUser((db, actor) =>
        updateComponent(db, actor, pageId, text(form, "componentId"), componentFields(form)),
      ),
    "Saved.",
  );

export const deleteComponentAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) => asActionUser((db, actor) => deleteComponent(db, actor, pageId, text(form, "componentId"))),
    "Removed.",
  );

export const scheduleMaintenanceAction = async (_previous: ActionState, form: FormData) =>
  onPage(
    form,
    (pageId) =>
      asActionUser((db, actor) =>
        scheduleMaintenanceFromForm(db, actor, pageId, {
          title: text(form, "title"),
          body: text(form, "body"),
          startsAt: text(form, "startsAt"),
          endsAt: text(form, "endsAt"),
          components: form.getAll("components").map(String),
          remindMinutesBefore: text(form, "remindMinutesBefore"),
        }),
      ),
    "Maintenance scheduled.",
  );

const moveMaintenanceAction = (state: "cancelled" | "completed", message: string) => {
  return async (_previous: ActionState, form: FormData) =>
    onPage(
      form,
      (pageId) =>
        asActionUser((db, actor) =>
          updateMaintenance(db, actor, pageId, text(form, "maintenanceId"), { state }),
        ),
      message,
    );
};

export const cancelMaintenanceAction = async (previous: ActionState, form: FormData) =>
  moveMaintenanceAction("cancelled", "Cancelled.")(previous, form);
export const completeMaintenanceAction = async (previous: ActionState, form: FormData) =>
  moveMaintenanceAction("completed", "Ended.")(previous, form);

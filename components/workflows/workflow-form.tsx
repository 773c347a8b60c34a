"use client";

import { useActionState, useState } from "react";
import { buttonClass, controlClass, FieldError, Label } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { type PreviewView, TRIGGERS, type WorkflowAction } from "@/lib/workflows/schemas";
import {
  ActionsEditor,
  type DraftAction,
  draftTarget,
  type PageTargetChoice,
  serializeActions,
  type UserChoice,
  type WebhookChoice,
} from "./actions-editor";
import { ConditionEditor } from "./condition-editor";
import { PreviewPanel } from "./preview-panel";

export type WorkflowDraft = {
  id?: string;
  version?: number;
  name: string;
  trigger: string;
  condition: string;
  enabled: boolean;
  actions: WorkflowAction[];
};

type Props = {
  workflow?: WorkflowDraft;
  users: UserChoice[];
  /** Subscriptions a notify action may name. */
  webhooks?: WebhookChoice[];
  /** Whom a page action may page (policies, services' on-call, people). */
  pageTargets?: PageTargetChoice[];
  save: FormAction<{ id: string }>;
  preview: FormAction<PreviewView>;
};

const initial: ActionState<{ id: string }> = { status: "idle" };
const toDraft = (actions: WorkflowAction[]): DraftAction[] =>
  actions.map((a) =>
    a.type === "page" ? { type: "page", target: draftTarget(a.target) } : ({ ...a } as DraftAction),
  );

/** Create or edit a workflow: name, trigger, condition (checked while typing), actions, enabled; then preview. */
export function WorkflowForm({ workflow, users, webhooks = [], pageTargets = [], save, preview }: Props) {
  const [state, action, pending] = useActionState(save, initial);
  const [trigger, setTrigger] = useState(workflow?.trigger ?? "alert_fired");
  const [condition, setCondition] = useState(workflow?.condition ?? "");
  const [actions, setActions] = useState<DraftAction[]>(
    toDraft(workflow?.actions ?? [{ type: "create_incident", severity: "SEV1" }]),
  );
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const prefix = workflow?.id ? "edit" : "new";
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        {workflow?.id && <input type="hidden" name="id" value={workflow.id} />}
        {workflow?.version !== undefined && <input type="hidden" name="version" value={workflow.version} />}
        <input type="hidden" name="actions" value={serializeActions(actions)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <Label htmlFor={`${prefix}-name`}>Name</Label>
            <input
              id={`${prefix}-name`}
              name="name"
              defaultValue={values?.name ?? workflow?.name ?? ""}
              placeholder="Critical payments alerts"
              aria-invalid={!!errors.name}
              className={controlClass}
            />
            <FieldError id={`${prefix}-name`} message={errors.name} />
          </div>
          <div>
            <Label htmlFor={`${prefix}-trigger`}>Trigger</Label>
            <select
              id={`${prefix}-trigger`}
              name="trigger"
              value={trigger}
              onChange={(e) => setTrigger(e.target.value)}
              aria-invalid={!!errors.trigger}
              className={controlClass}
            >
              {TRIGGERS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <FieldError id={`${prefix}-trigger`} message={errors.trigger} />
          </div>
        </div>
        <ConditionEditor
          id={`${prefix}-condition`}
          value={condition}
          onChange={setCondition}
          serverError={errors.condition}
        />
        <ActionsEditor
          actions={actions}
          onChange={setActions}
          users={users}
          webhooks={webhooks}
          pageTargets={pageTargets}
          errors={errors}
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked={values ? values.enabled === "on" : (workflow?.enabled ?? true)}
          />
          Enabled
        </label>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? "Saving…" : workflow?.id ? "Save workflow" : "Create workflow"}
          </button>
        </div>
        {state.status === "error" &&
          !errors.name &&
          !errors.trigger &&
          !errors.condition &&
          !Object.keys(errors).some((k) => k.startsWith("actions")) && <FormMessage state={state} />}
      </form>
      <PreviewPanel trigger={trigger} condition={condition} preview={preview} />
    </div>
  );
}

"use client";

import { compactControlClass, secondaryButtonClass } from "@/components/form/field";
import { SEVERITIES } from "@/lib/incidents/severity";
import { ACTION_TYPES, type ActionType } from "@/lib/workflows/schemas";

/** One action row as the editor holds it (every field a string, so inputs stay controlled). */
export type DraftAction = {
  type: ActionType;
  severity?: string;
  title?: string;
  userId?: string;
  message?: string;
  webhookId?: string;
  /** A page action's target as `policy:<id>`, `oncall:<service>` or `user:<id>`. */
  target?: string;
};
export type UserChoice = { id: string; name: string };
/** A webhook subscription a notify action may name (label only: the URL can be a secret). */
export type WebhookChoice = { id: string; label: string; enabled: boolean };
/** Whom a page action may page: `value` is the DraftAction's target encoding. */
export type PageTargetChoice = { value: string; label: string };

const LABELS: Record<ActionType, string> = {
  create_incident: "Create incident",
  link_to_open_incident: "Link to open incident",
  assign_commander: "Assign commander",
  post_timeline_update: "Post timeline update",
  notify: "Notify webhook",
  page: "Page",
};

const blank = (type: ActionType): DraftAction =>
  type === "create_incident"
    ? { type, severity: "SEV1", title: "" }
    : type === "assign_commander"
      ? { type, userId: "on-call" }
      : type === "post_timeline_update"
        ? { type, message: "" }
        : type === "notify"
          ? { type, webhookId: "" }
          : type === "page"
            ? { type, target: "" }
            : { type };

/** `policy:ep_1` → the API's target object; the editor keeps one string per select. */
function pageTarget(value = "") {
  const [kind, ...rest] = value.split(":");
  const id = rest.join(":");
  if (kind === "policy") return { type: "policy", policyId: id };
  if (kind === "oncall") return { type: "oncall", service: id };
  if (kind === "user") return { type: "user", userId: id };
  return { type: "" };
}

/** The API's page target → the editor's string (the inverse of pageTarget). */
export function draftTarget(target: { type: string; policyId?: string; service?: string; userId?: string }) {
  return target.type === "policy"
    ? `policy:${target.policyId}`
    : target.type === "oncall"
      ? `oncall:${target.service}`
      : `user:${target.userId}`;
}

/** What the hidden `actions` field carries: the API's action objects (an empty optional title is left out). */
export function serializeActions(actions: DraftAction[]): string {
  return JSON.stringify(
    actions.map((a) => {
      if (a.type === "create_incident")
        return { type: a.type, severity: a.severity, ...(a.title?.trim() ? { title: a.title } : {}) };
      if (a.type === "assign_commander") return { type: a.type, userId: a.userId };
      if (a.type === "post_timeline_update") return { type: a.type, message: a.message };
      if (a.type === "notify") return { type: a.type, webhookId: a.webhookId };
      if (a.type === "page") return { type: a.type, target: pageTarget(a.target) };
      return { type: a.type };
    }),
  );
}

type Props = {
  actions: DraftAction[];
  onChange: (actions: DraftAction[]) => void;
  users: UserChoice[];
  webhooks: WebhookChoice[];
  pageTargets: PageTargetChoice[];
  errors: Record<string, string>;
};

export function ActionsEditor({ actions, onChange, users, webhooks, pageTargets, errors }: Props) {
  const set = (i: number, patch: Partial<DraftAction>) =>
    onChange(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
        Actions, in order
      </legend>
      {actions.map((action, i) => {
        const error = Object.entries(errors).find(
          ([path]) => path === `actions.${i}` || path.startsWith(`actions.${i}.`),
        )?.[1];
        const id = `action-${i}`;
        return (
          <div
            key={i}
            className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
            data-testid="action-row"
          >
            <div className="flex flex-wrap items-end gap-3">
              <label className="text-xs font-medium">
                Action {i + 1}
                <select
                  aria-label={`Action ${i + 1} type`}
                  value={action.type}
                  onChange={(e) =>
                    onChange(actions.map((a, j) => (j === i ? blank(e.target.value as ActionType) : a)))
                  }
                  className={`mt-1 ${compactControlClass}`}
                >
                  {ACTION_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {LABELS[type]}
                    </option>
                  ))}
                </select>
              </label>
              {action.type === "create_incident" && (
                <>
                  <label className="text-xs font-medium">
                    Severity
                    <select
                      id={`${id}-severity`}
                      value={action.severity}
                      onChange={(e) => set(i, { severity: e.target.value })}
                      className={`mt-1 ${compactControlClass}`}
                    >
                      {SEVERITIES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="min-w-64 flex-1 text-xs font-medium">
                    Title (default: the alert&apos;s)
                    <input
                      value={action.title ?? ""}
                      onChange={(e) => set(i, { title: e.target.value })}
                      className={`mt-1 ${compactControlClass}`}
                    />
                  </label>
                </>
              )}
              {action.type === "assign_commander" && (
                <label className="text-xs font-medium">
                  Commander
                  <select
                    value={action.userId}
                    onChange={(e) => set(i, { userId: e.target.value })}
                    className={`mt-1 ${compactControlClass}`}
                  >
                    <option value="on-call">The on-call of the service</option>
                    {users.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {action.type === "post_timeline_update" && (
                <label className="min-w-64 flex-1 text-xs font-medium">
                  Message
                  <input
                    value={action.message ?? ""}
                    onChange={(e) => set(i, { message: e.target.value })}
                    className={`mt-1 ${compactControlClass}`}
                  />
                </label>
              )}
              {action.type === "notify" && (
                <label className="min-w-64 flex-1 text-xs font-medium">
                  Webhook subscription
                  <select
                    value={action.webhookId ?? ""}
                    onChange={(e) => set(i, { webhookId: e.target.value })}
                    className={`mt-1 ${compactControlClass}`}
                  >
                    <option value="">
                      {webhooks.length
                        ? "Choose a subscription…"
                        : "None yet: an admin adds them under Settings → Webhooks"}
                    </option>
                    {webhooks.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.label}
                        {w.enabled ? "" : " (disabled)"}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {action.type === "page" && (
                <label className="min-w-64 flex-1 text-xs font-medium">
                  Page
                  <select
                    value={action.target ?? ""}
                    onChange={(e) => set(i, { target: e.target.value })}
                    className={`mt-1 ${compactControlClass}`}
                  >
                    <option value="">Choose whom to page…</option>
                    {pageTargets.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() => onChange(actions.filter((_, j) => j !== i))}
                aria-label={`Remove action ${i + 1}`}
              >
                Remove
              </button>
            </div>
            {error && (
              <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="flex flex-wrap gap-2">
        {ACTION_TYPES.map((type) => (
          <button
            key={type}
            type="button"
            className={secondaryButtonClass}
            onClick={() => onChange([...actions, blank(type)])}
          >
            + {LABELS[type]}
          </button>
        ))}
      </div>
      {errors.actions && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errors.actions}
        </p>
      )}
    </fieldset>
  );
}

"use client";

import { useActionState } from "react";
import { controlClass, FieldError } from "@/components/form/field";
import type { AlertRuleView } from "@/lib/alerts/views";
import type { ActionState, FormAction } from "@/lib/http/action-state";

const initial: ActionState = { status: "idle" };
export type RuleActions = { create: FormAction; update: FormAction };
type Props = { rule?: AlertRuleView; environments: { slug: string; name: string }[]; actions: RuleActions };

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      {children}
      <FieldError id={id} message={error} />
    </div>
  );
}

/** Create a rule, or edit one (with the version it was rendered from, so a concurrent edit is refused). */
export function RuleForm({ rule, environments, actions }: Props) {
  const [state, action, pending] = useActionState(rule ? actions.update : actions.create, initial);
  const error = state.status === "error" ? state : null;
  const v =
    error?.values ??
    ((rule
      ? {
          ...rule,
          threshold: String(rule.threshold),
          forSeconds: String(rule.forSeconds),
          autoCreateIncident: rule.autoCreateIncident ? "on" : "",
          incidentSeverity: rule.incidentSeverity ?? "",
        }
      : {}) as Record<string, string>);
  const e = error?.fieldErrors ?? {};
  const p = rule ? `rule-${rule.id}-` : "new-rule-";
  const key = state.status === "error" ? JSON.stringify(v) : (rule?.version ?? 0);
  return (
    <form
      action={action}
      key={String(key)}
      className="grid gap-3 sm:grid-cols-4"
      noValidate
      aria-label={rule ? `Edit ${rule.name}` : "New alert rule"}
    >
      {rule && <input type="hidden" name="id" value={rule.id} />}
      {rule && <input type="hidden" name="version" value={rule.version} />}
      <div className="sm:col-span-2">
        <Field id={`${p}name`} label="Name" error={e.name}>
          <input
            id={`${p}name`}
            name="name"
            defaultValue={v.name}
            className={controlClass}
            placeholder="Checkout error rate"
          />
        </Field>
      </div>
      <Field id={`${p}service`} label="Service" error={e.service}>
        <input
          id={`${p}service`}
          name="service"
          defaultValue={v.service}
          className={controlClass}
          placeholder="checkout-api"
        />
      </Field>
      <Field id={`${p}environment`} label="Environment" error={e.environment}>
        <select
          id={`${p}environment`}
          name="environment"
          defaultValue={v.environment ?? "production"}
          className={controlClass}
        >
          {environments.map((env) => (
            <option key={env.slug} value={env.slug}>
              {env.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}metric`} label="Metric" error={e.metric}>
        <select
          id={`${p}metric`}
          name="metric"
          defaultValue={v.metric ?? "error_rate"}
          className={controlClass}
        >
          <option value="error_rate">Error rate (0–1)</option>
          <option value="latency_p95">p95 latency (ms)</option>
          <option value="throughput">Throughput (req/s)</option>
        </select>
      </Field>
      <Field id={`${p}comparator`} label="Comparator" error={e.comparator}>
        <select
          id={`${p}comparator`}
          name="comparator"
          defaultValue={v.comparator ?? ">"}
          className={controlClass}
        >
          {[">", ">=", "<", "<="].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${p}threshold`} label="Threshold" error={e.threshold}>
        <input
          id={`${p}threshold`}
          name="threshold"
          inputMode="decimal"
          defaultValue={v.threshold}
          className={controlClass}
          placeholder="0.05"
        />
      </Field>
      <Field id={`${p}forSeconds`} label="For (seconds)" error={e.forSeconds}>
        <input
          id={`${p}forSeconds`}
          name="forSeconds"
          inputMode="numeric"
          defaultValue={v.forSeconds ?? "300"}
          className={controlClass}
        />
      </Field>
      <Field id={`${p}severity`} label="Alert severity" error={e.severity}>
        <select
          id={`${p}severity`}
          name="severity"
          defaultValue={v.severity ?? "warning"}
          className={controlClass}
        >
          <option value="critical">critical</option>
          <option value="warning">warning</option>
          <option value="info">info</option>
        </select>
      </Field>
      <div className="flex items-end gap-2 pb-2 text-sm">
        <input
          id={`${p}auto`}
          type="checkbox"
          name="autoCreateIncident"
          defaultChecked={v.autoCreateIncident === "on"}
        />
        <label htmlFor={`${p}auto`}>Auto-create incident</label>
      </div>
      <Field id={`${p}incidentSeverity`} label="Incident severity" error={e.incidentSeverity}>
        <select
          id={`${p}incidentSeverity`}
          name="incidentSeverity"
          defaultValue={v.incidentSeverity ?? ""}
          className={controlClass}
        >
          <option value="">—</option>
          {["SEV1", "SEV2", "SEV3", "SEV4"].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-70 dark:bg-slate-200 dark:text-slate-900"
        >
          {pending ? "Saving…" : rule ? "Save rule" : "Create rule"}
        </button>
        <p
          role="status"
          className={`text-sm ${error ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}`}
        >
          {state.status === "idle" ? "" : state.status === "ok" ? state.message : state.message}
        </p>
      </div>
    </form>
  );
}

export function EnableToggle({ rule, setEnabled }: { rule: AlertRuleView; setEnabled: FormAction }) {
  const [state, action, pending] = useActionState(setEnabled, initial);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="id" value={rule.id} />
      <input type="hidden" name="enabled" value={rule.enabled ? "false" : "true"} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {rule.enabled ? "Disable" : "Enable"}
      </button>
      {state.status === "error" && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}

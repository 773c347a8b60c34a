import { compactControlClass, FieldError } from "@/components/form/field";
import { STATUS_LABELS } from "@/lib/status-pages/headline";
import { COMPONENT_STATUSES, type ComponentStatus } from "@/lib/status-pages/schemas";

export type StatusChoice = ComponentStatus | "";

/**
 * One select per component of the page, named `component:<id>`; "" leaves the component out of the
 * update. Controlled, so the preview follows every change.
 */
export function ComponentStatusFields({
  idPrefix,
  components,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  components: { id: string; name: string }[];
  value: Record<string, StatusChoice>;
  onChange: (componentId: string, status: StatusChoice) => void;
  error?: string;
}) {
  if (components.length === 0)
    return <p className="text-xs text-slate-500 dark:text-slate-400">This page has no components yet.</p>;
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Components</legend>
      <ul className="space-y-1.5">
        {components.map((component) => {
          const id = `${idPrefix}-component-${component.id}`;
          return (
            <li key={component.id} className="flex flex-wrap items-center justify-between gap-2">
              <label htmlFor={id} className="text-sm text-slate-700 dark:text-slate-300">
                {component.name}
              </label>
              <select
                id={id}
                name={`component:${component.id}`}
                value={value[component.id] ?? ""}
                onChange={(e) => onChange(component.id, e.target.value as StatusChoice)}
                className={compactControlClass.replace("w-full", "w-auto")}
              >
                <option value="">Not affected</option>
                {COMPONENT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      <FieldError id={`${idPrefix}-components`} message={error} />
    </fieldset>
  );
}

/** The preview's "Affected" list: what the page shows for an open incident (operational is not news). */
export function affectedOf(components: { id: string; name: string }[], value: Record<string, StatusChoice>) {
  return components.flatMap((c) => {
    const status = value[c.id];
    return status ? [{ componentId: c.id, name: c.name, status }] : [];
  });
}

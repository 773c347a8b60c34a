"use client";

import { SeveritySettingsForm } from "@/components/settings/severity-settings-form";
import type { FormAction } from "@/lib/http/action-state";
import { type Severity, severityLabel } from "@/lib/incidents/severity";

type Props = { autoGenerate: Record<Severity, boolean>; update: FormAction };

export function PostmortemSettingsForm({ autoGenerate, update }: Props) {
  return (
    <SeveritySettingsForm
      update={update}
      legend="Generate a postmortem automatically on the first resolution of"
      field={(level) => (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={level} defaultChecked={autoGenerate[level]} />
          {severityLabel(level)}
        </label>
      )}
    />
  );
}
